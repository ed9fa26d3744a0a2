"""Device keys and request signatures (Ed25519), shared by the client and the county server.

A device makes its key pair once, at enrollment, and keeps the private key in its encrypted database. Every
request carries the device id, a timestamp, a random nonce and a signature over

    METHOD \\n PATH \\n TIMESTAMP \\n NONCE \\n sha256(body bytes as sent)

so a request cannot be altered, replayed (the server remembers nonces for the age window) or made by anyone
without the key. The body hash covers the bytes on the wire (compressed, if they are).

From protocol 4 (``SIGNED_PROTOCOL_SINCE_VERSION``) the message also covers the headers that change how the
server reads the request — the protocol version and the body's encoding — so an on-path party cannot lower the
protocol a request claims:

    yulu-v4 \n METHOD \n PATH \n TIMESTAMP \n NONCE \n PROTOCOL \n CONTENT-ENCODING \n sha256(body)

The server builds the message for the protocol the request's header claims: a v3 laptop keeps the old message
(it signs no header); a v4 request whose header was lowered (or removed) no longer verifies, because its
signature is over the v4 message.
"""

from __future__ import annotations

import base64
import hashlib
import secrets

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from yulu_desktop.sync.protocol import SIGNED_PROTOCOL_SINCE_VERSION


def new_private_key() -> bytes:
    """A new Ed25519 private key, raw 32 bytes."""
    return Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def public_key_of(private_key: bytes) -> bytes:
    return (
        Ed25519PrivateKey.from_private_bytes(private_key)
        .public_key()
        .public_bytes(Encoding.Raw, PublicFormat.Raw)
    )


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def request_message(
    method: str,
    path: str,
    timestamp_ms: int,
    nonce: str,
    body: bytes,
    *,
    protocol: int | None = None,
    content_encoding: str = "",
) -> bytes:
    """The signed message of a request. ``protocol`` is the version the request claims (its header; None when
    it has none): from ``SIGNED_PROTOCOL_SINCE_VERSION`` on, the version and ``content_encoding`` are signed too."""
    digest = hashlib.sha256(body).hexdigest()
    if protocol is None or protocol < SIGNED_PROTOCOL_SINCE_VERSION:
        return f"{method.upper()}\n{path}\n{timestamp_ms}\n{nonce}\n{digest}".encode()
    encoding = content_encoding.strip().lower()
    return (
        f"yulu-v{protocol}\n{method.upper()}\n{path}\n{timestamp_ms}\n{nonce}\n{protocol}\n{encoding}\n{digest}"
    ).encode()


def enroll_message(device_id: str, code: str) -> bytes:
    return f"enroll\n{device_id}\n{code}".encode()


def sign(private_key: bytes, message: bytes) -> str:
    return b64(Ed25519PrivateKey.from_private_bytes(private_key).sign(message))


def verify(public_key: bytes, message: bytes, signature: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(unb64(signature), message)
    except (InvalidSignature, ValueError):
        return False
    return True


def new_nonce() -> str:
    return secrets.token_urlsafe(16)
