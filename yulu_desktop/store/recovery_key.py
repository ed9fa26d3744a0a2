"""The recovery key (恢复密钥): a code of 120 random bits a person can read, print and type.

Shown once when it is made (at setup, or from 设置 for an existing database) and printed on one page; it opens
the database when every passphrase is forgotten. The code is 24 characters of an alphabet without the
look-alikes 0/O and 1/I, in six groups of four (``7KQ4-…``); typing it, case, spaces and dashes do not matter,
and a character outside the alphabet is refused with its position named. The key that seals the root key (``keyring.KeyFile.recovery``) is HKDF-SHA256 of the code
with the database's salt: 120 random bits need no slow key derivation to resist guessing.
"""

from __future__ import annotations

import secrets

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from yulu_desktop.domain.errors import YuluError

__all__ = ["ALPHABET", "GROUPS", "derive", "format_code", "new_code", "normalise"]

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
GROUP = 4
GROUPS = 6
LENGTH = GROUP * GROUPS
#: Associated data of the recovery key's seal of the root key.
PURPOSE = b"yulu-recovery-v1"


def new_code() -> str:
    """A new recovery code, formatted in groups."""
    return format_code("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def format_code(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalise(typed: str) -> str:
    """The code's 24 characters from what a person typed; ``YuluError`` (Chinese) saying what is wrong."""
    chars = "".join(c for c in typed.upper() if c not in " -\t\r\n")
    for position, char in enumerate(chars, start=1):
        if char not in ALPHABET:
            raise YuluError(
                f"恢复密钥第 {position} 个字符“{char}”不对：恢复密钥只含数字 2–9 和字母（没有 0、1、I、O）"
            )
    if len(chars) != LENGTH:
        raise YuluError(
            f"恢复密钥应有 {LENGTH} 个字符（{GROUPS} 组，每组 {GROUP} 个），现在是 {len(chars)} 个"
        )
    return chars


def derive(code: str, db_salt: bytes) -> bytes:
    """The 32-byte key the code stands for (``code`` as typed or formatted)."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=db_salt, info=PURPOSE).derive(
        normalise(code).encode("ascii")
    )
