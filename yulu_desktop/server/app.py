"""The county server's HTTP API (FastAPI). ``create_app(database_url)`` builds it; ``yulu-server serve`` runs it.

Bodies are read by hand (not by FastAPI's parameter binding) because the signature covers the bytes exactly as
sent, which may be gzip-compressed; they are then validated with the ``sync.protocol`` models, which the OpenAPI
schema also shows.
"""

from __future__ import annotations

import asyncio
import gc
import gzip
import hmac
import html
import time
import zlib
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any, TypeVar
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ValidationError
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartParser

import yulu_desktop
from yulu_desktop.server import (
    audit,
    blobs,
    bundle_keys,
    bundles,
    escrow,
    first_pull,
    push_queue,
    service,
    status,
)
from yulu_desktop.server.db import ServerDatabase, default_database_url
from yulu_desktop.server.service import ApiError, DeviceContext
from yulu_desktop.sync import bundle
from yulu_desktop.sync import first_pull as image_format
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync.bundle import BundleError

M = TypeVar("M", bound=BaseModel)


def _body_doc(model: type[BaseModel]) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": model.model_json_schema()}},
        }
    }


_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": p.ErrorBody, "description": "No, bad, stale or replayed credential"},
    403: {"model": p.ErrorBody, "description": "Device revoked"},
    409: {"model": p.ErrorBody, "description": "Sequence gap or concurrent retry"},
    413: {"model": p.ErrorBody, "description": "Body too large"},
    426: {"model": p.ErrorBody, "description": "Client too old: please update"},
}


async def _read_body(request: Request) -> tuple[bytes, bytes]:
    """The body as sent (for the signature) and decoded (gzip undone), both within ``MAX_BODY_BYTES``."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > p.MAX_BODY_BYTES:
        raise ApiError(413, "too_large", "请求太大。")
    raw = await request.body()
    if len(raw) > p.MAX_BODY_BYTES:
        raise ApiError(413, "too_large", "请求太大。")
    encoding = request.headers.get("content-encoding", "identity").lower()
    if encoding == "identity":
        return raw, raw
    if encoding != "gzip":
        raise ApiError(415, "bad_encoding", f"不支持的压缩格式 {encoding}。")
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        decoded = inflater.decompress(raw, p.MAX_BODY_BYTES + 1)
    except zlib.error:
        raise ApiError(400, "bad_body", "请求内容损坏（压缩数据无效）。") from None
    if len(decoded) > p.MAX_BODY_BYTES or inflater.unconsumed_tail:
        raise ApiError(413, "too_large", "请求解压后太大。")
    return raw, decoded


def _parse(model: type[M], data: bytes) -> M:
    try:
        return model.model_validate_json(data)
    except ValidationError as exc:
        raise ApiError(422, "bad_body", f"请求内容格式不正确：{exc.error_count()} 处错误。") from None


#: gzip level of pull pages: level 1 is four times faster than the default 9 and within ~15% of its size
#: on change-log JSON; a first pull is dominated by it otherwise.
PULL_GZIP_LEVEL = 1
#: Answers longer than this are gzip-compressed when the client accepts it.
GZIP_OVER = 400


def _json_response(request: Request, body: bytes) -> Response:
    """``body`` (JSON already) as a response, gzip-compressed when the client accepts it."""
    if len(body) > GZIP_OVER and "gzip" in request.headers.get("accept-encoding", ""):
        return Response(
            gzip.compress(body, compresslevel=PULL_GZIP_LEVEL, mtime=0),
            media_type="application/json",
            headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"},
        )
    return Response(body, media_type="application/json")


def create_app(
    database_url: str | None = None,
    *,
    migrate: bool = True,
    db: ServerDatabase | None = None,
    status_token: str | None = None,
    admin_token: str | None = None,
    bundle_upload_limit: int = bundles.MAX_UPLOAD_BYTES,
) -> FastAPI:
    """The county server app over ``database_url`` (SQLite file by default), migrated on startup.

    ``status_token``: lets other computers see ``/status`` with it (loopback always may; ``server.status``).
    ``admin_token``: the county admin's token, which the ``/bundles`` upload page asks for (without one the page
    is closed); ``bundle_upload_limit``: the largest bundle it takes, bytes."""
    database = db or ServerDatabase(database_url or default_database_url())
    if migrate:
        database.migrate()
        # A database of the last release holds the bundle private keys: they move to the key file now.
        bundle_keys.move_keys_out_of_database(database)
        # The data key (sensitive fields): read now, so that a missing key file stops the start with its message
        # (``fieldcrypt.DataKeyError``) instead of failing every request.
        _ = database.cipher
    app = FastAPI(
        title="雨露计划+ 县服务器 (Yulu county server)",
        version=yulu_desktop.__version__,
        description="Offline sync of 雨露计划+ field data. See docs/SYNC.md.",
    )
    app.state.db = database
    pushes = push_queue.PushQueue()
    # A first-pull image costs the server the CPU the laptop saves: one built at a time per process.
    images = push_queue.PushQueue(slots=1)
    # Answers from 400 bytes on are compressed: a hello or digest answer shrinks by 20–50 % (on 2G, 400 bytes
    # are 50 ms), and below that gzip's 20-byte frame eats the gain.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_OVER, compresslevel=6)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(status_code=exc.status, content=exc.body().model_dump())

    async def _signed(request: Request, model: type[M]) -> tuple[DeviceContext, M]:
        header = request.headers.get(p.HEADER_PROTOCOL)
        service.check_protocol(int(header) if header and header.isdigit() else None)
        raw, decoded = await _read_body(request)
        ctx = await run_in_threadpool(
            service.authenticate, database, request.method, request.url.path, request.headers, raw
        )
        return ctx, _parse(model, decoded)

    @app.get("/status", include_in_schema=False)
    async def status_page(request: Request) -> Response:
        return await status.respond(request, database, status_token)

    @app.get("/v1/ping", response_model=p.ErrorBody, summary="Reachability and server time (no credential)")
    def ping() -> p.ErrorBody:
        return p.ErrorBody(code="ok", message="县服务器在线", server_time_ms=service.now_ms())

    @app.post(
        "/v1/enroll",
        response_model=p.EnrollResponse,
        responses=_ERRORS,
        openapi_extra=_body_doc(p.EnrollRequest),
    )
    async def enroll(request: Request) -> p.EnrollResponse:
        _raw, decoded = await _read_body(request)
        req = _parse(p.EnrollRequest, decoded)
        return await run_in_threadpool(service.enroll, database, req)

    @app.post(
        "/v1/hello",
        response_model=p.HelloResponse,
        responses=_ERRORS,
        openapi_extra=_body_doc(p.HelloRequest),
    )
    async def hello(request: Request) -> p.HelloResponse:
        ctx, req = await _signed(request, p.HelloRequest)
        return await run_in_threadpool(service.hello, database, ctx, req)

    @app.post(
        "/v1/push", response_model=p.PushResponse, responses=_ERRORS, openapi_extra=_body_doc(p.PushRequest)
    )
    async def push(request: Request) -> p.PushResponse:
        ctx, req = await _signed(request, p.PushRequest)
        async with pushes():
            return await run_in_threadpool(service.push, database, ctx, req)

    @app.post(
        "/v1/pull", response_model=p.PullResponse, responses=_ERRORS, openapi_extra=_body_doc(p.PullRequest)
    )
    async def pull(request: Request) -> Response:
        ctx, req = await _signed(request, p.PullRequest)
        body = await run_in_threadpool(service.pull_json, database, ctx, req)
        return await run_in_threadpool(_json_response, request, body)

    @app.post(
        image_format.PATH,
        responses={**_ERRORS, 200: {"content": {"application/octet-stream": {}}}},
        openapi_extra=_body_doc(p.FirstPullRequest),
        summary="A new device's whole pull as an encrypted database image; its key is in X-Yulu-Image-Key",
    )
    async def first_pull_image(request: Request) -> Response:
        ctx, req = await _signed(request, p.FirstPullRequest)
        await run_in_threadpool(first_pull.refuse_unless_worthwhile, database, ctx, req)
        async with images():
            image = await run_in_threadpool(first_pull.build, database, ctx)
        # An encrypted file does not compress: "identity" keeps the gzip middleware off it.
        return FileResponse(
            image.path,
            media_type="application/octet-stream",
            headers={image_format.HEADER_KEY: image.key.hex(), "Content-Encoding": "identity"},
            background=BackgroundTask(first_pull.remove, image),
        )

    @app.post(
        "/v1/digest",
        response_model=p.DigestResponse,
        responses=_ERRORS,
        summary="Count and id digest per entity of the device's jurisdiction (checked after a sync)",
    )
    async def digest(request: Request) -> p.DigestResponse:
        ctx, _req = await _signed(request, p.Message)
        return await run_in_threadpool(service.digest, database, ctx)

    @app.post(
        "/v1/snapshot",
        response_model=p.SnapshotResponse,
        responses=_ERRORS,
        openapi_extra=_body_doc(p.SnapshotRequest),
        summary="Current records of one entity in the jurisdiction (scope repair)",
    )
    async def snapshot(request: Request) -> p.SnapshotResponse:
        ctx, req = await _signed(request, p.SnapshotRequest)
        return await run_in_threadpool(service.snapshot, database, ctx, req)

    @app.post(
        "/v1/audit",
        response_model=p.AuditUploadResponse,
        responses=_ERRORS,
        openapi_extra=_body_doc(p.AuditUploadRequest),
        summary="Entries of the device's hash-chained audit log, kept append-only (gaps and forks flagged)",
    )
    async def audit_upload(request: Request) -> p.AuditUploadResponse:
        ctx, req = await _signed(request, p.AuditUploadRequest)
        return await run_in_threadpool(audit.upload, database, ctx, req)

    # --- escrow of laptop database keys (server.escrow; docs/SECURITY.md) ------------------------------------

    @app.post("/v1/escrow/deposit", response_model=p.EscrowDepositResponse, responses=_ERRORS)
    async def escrow_deposit(request: Request) -> p.EscrowDepositResponse:
        ctx, req = await _signed(request, p.EscrowDepositRequest)
        return await run_in_threadpool(escrow.deposit, database, ctx, req)

    @app.post("/v1/escrow/redeem", response_model=p.EscrowRedeemResponse, responses=_ERRORS)
    async def escrow_redeem(request: Request) -> p.EscrowRedeemResponse:
        _raw, decoded = await _read_body(request)
        return await run_in_threadpool(escrow.redeem, database, _parse(p.EscrowRedeemRequest, decoded))

    # --- attachment files (server.blobs; docs/SYNC.md "Attachments") --------------------------------------

    async def _signed_raw(request: Request) -> tuple[DeviceContext, bytes]:
        """Authenticate a request whose signature covers the path *with* its query string (offsets)."""
        header = request.headers.get(p.HEADER_PROTOCOL)
        service.check_protocol(int(header) if header and header.isdigit() else None)
        raw, decoded = await _read_body(request)
        query = request.url.query
        path = request.url.path + (f"?{query}" if query else "")
        ctx = await run_in_threadpool(
            service.authenticate, database, request.method, path, request.headers, raw
        )
        return ctx, decoded

    @app.post(
        "/v1/blobs/status",
        response_model=p.BlobStatusResponse,
        responses=_ERRORS,
        openapi_extra=_body_doc(p.BlobStatusRequest),
        summary="Which attachment files the server holds, and how much of each",
    )
    async def blob_status(request: Request) -> p.BlobStatusResponse:
        ctx, req = await _signed(request, p.BlobStatusRequest)
        return await run_in_threadpool(blobs.status, database, ctx, req)

    @app.put(
        "/v1/blobs/{sha256}",
        response_model=p.BlobPutResponse,
        responses=_ERRORS,
        summary="One chunk of an attachment file (raw bytes) at `offset`; `size` is the whole file's",
    )
    async def blob_put(request: Request, sha256: str, offset: int, size: int) -> p.BlobPutResponse:
        if size > blobs.MAX_BLOB_BYTES:
            raise ApiError(413, "blob_too_large", blobs.TOO_LARGE_MESSAGE)
        ctx, data = await _signed_raw(request)
        return await run_in_threadpool(blobs.put_chunk, database, ctx, sha256, offset, size, data)

    @app.get(
        "/v1/blobs/{sha256}",
        responses={**_ERRORS, 200: {"content": {"application/octet-stream": {}}}},
        summary="Part of a complete attachment file (raw bytes); the size is in X-Yulu-Blob-Size",
    )
    async def blob_get(
        request: Request, sha256: str, offset: int = 0, length: int = p.MAX_BLOB_CHUNK_BYTES
    ) -> Response:
        ctx, _data = await _signed_raw(request)
        data, size = await run_in_threadpool(blobs.read_part, database, ctx, sha256, offset, length)
        # Files are JPEG/PNG/PDF, compressed already: "identity" keeps the gzip middleware off them.
        return Response(
            data,
            media_type="application/octet-stream",
            headers={p.HEADER_BLOB_SIZE: str(size), "Content-Encoding": "identity"},
        )

    # --- USB bundles: the upload page (server.bundles; docs/SYNC.md "USB bundles") ----------------------------

    # A browser page, not part of the devices' JSON API: kept out of the OpenAPI schema (which the API fuzz test
    # walks); tests/sync/test_sync_bundle.py throws garbage at it instead.
    # The page needs the county admin's token (HTTP Basic password or Bearer, as ``/status``), from every
    # address: an open page let anyone make the server take and decrypt hundreds of megabytes.
    too_large = f"文件太大（上限 {bundle_upload_limit // (1024 * 1024)} MB），不是有效的U盘同步文件。"
    # One import at a time: an import holds its bundle in memory (``bundles.import_bundle`` takes bytes).
    import_slot = asyncio.Lock()

    @app.get("/bundles", response_class=HTMLResponse, include_in_schema=False)
    def bundles_page(request: Request) -> Response:
        refused = _admin_refusal(request, admin_token)
        return refused if refused is not None else HTMLResponse(_bundle_page(), headers=_PAGE_HEADERS)

    @app.post("/bundles", include_in_schema=False)
    async def bundles_upload(request: Request) -> Response:
        refused = _admin_refusal(request, admin_token)
        if refused is not None:
            return refused  # before a byte of the body is read
        limit = bundle_upload_limit + _FORM_OVERHEAD
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return HTMLResponse(_bundle_page(error=too_large), status_code=413, headers=_CLOSE)
        if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
            # No file in it (a form without the file field, or not a form): nothing to read.
            return HTMLResponse(
                _bundle_page(error="请先选择U盘同步文件再上传。"), status_code=400, headers=_CLOSE
            )
        # The body streams through the multipart parser, whose file part goes to a temporary file on disk
        # (memory stays flat); reading stops as soon as the body passes the limit.
        parser = MultiPartParser(request.headers, _capped(request.stream(), limit), max_files=1, max_fields=4)
        try:
            form = await parser.parse()
        except _TooLarge:
            return HTMLResponse(_bundle_page(error=too_large), status_code=413, headers=_CLOSE)
        except Exception:  # a malformed form (starlette raises several types): say so, in the page
            return HTMLResponse(
                _bundle_page(error="上传的内容无法识别，请重新选择文件上传。"), status_code=400
            )
        try:
            upload = form.get("bundle")
            if not isinstance(upload, UploadFile):
                return HTMLResponse(_bundle_page(error="请先选择U盘同步文件再上传。"), status_code=400)
            size = upload.size if upload.size is not None else 0
            if size > bundle_upload_limit:
                return HTMLResponse(_bundle_page(error=too_large), status_code=413)
            await upload.seek(0)
            if not (await upload.read(len(bundle.MAGIC))).startswith(bundle.MAGIC):
                return HTMLResponse(_bundle_page(error=bundle.NOT_A_BUNDLE), status_code=400)
            async with import_slot:
                await upload.seek(0)
                data = await upload.read(bundle_upload_limit + 1)
                try:
                    result = await run_in_threadpool(
                        bundles.import_bundle, database, data, imported_by="网页上传"
                    )
                except BundleError as exc:
                    return HTMLResponse(_bundle_page(error=exc.message), status_code=400)
                finally:
                    del data
        finally:
            await form.close()  # the temporary file goes with it
        name = f"雨露回执_{result.device_id[:8]}_{time.strftime('%Y%m%d-%H%M')}{bundle.REPLY_SUFFIX}"
        return Response(
            result.reply,
            media_type="application/octet-stream",
            headers={
                "Content-Disposition": f'attachment; filename="yulu-reply{bundle.REPLY_SUFFIX}"; '
                f"filename*=UTF-8''{quote(name)}",
                # Encrypted already (incompressible): keep the gzip middleware off it.
                "Content-Encoding": "identity",
                "X-Yulu-Bundle-Summary": quote(result.summary()),
            },
        )

    return app


#: Room for the multipart framing around the file (boundaries, part headers).
_FORM_OVERHEAD = 64 * 1024
_PAGE_HEADERS = {"Cache-Control": "no-store", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"}
#: A refusal sent before the body was read: the connection cannot carry another request.
_CLOSE = {"Connection": "close"}


class _TooLarge(Exception):
    """The upload passed the limit (reading stopped there)."""


async def _capped(stream: AsyncIterator[bytes], limit: int) -> AsyncGenerator[bytes, None]:
    """``stream``, raising ``_TooLarge`` as soon as it passes ``limit`` bytes (nothing more is read)."""
    total = 0
    async for chunk in stream:
        total += len(chunk)
        if total > limit:
            raise _TooLarge()
        yield chunk


def _admin_refusal(request: Request, token: str | None) -> Response | None:
    """None when the request carries the county admin's token; else 403 (no token configured: the page is
    closed) or 401 with a Basic challenge, so that a browser asks for it."""
    if token is None:
        return Response(
            "网页上传未启用：请在启动服务器时用 --admin-token-file 设置管理口令，"
            "或在服务器上运行 yulu-server admin import-bundle 文件 导入。",
            status_code=403,
            media_type="text/plain; charset=utf-8",
            headers=_CLOSE,
        )
    given = status.presented_token(request.headers)
    if given is not None and hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        return None
    return Response(
        "需要县管理员口令。",
        status_code=401,
        media_type="text/plain; charset=utf-8",
        headers={"WWW-Authenticate": 'Basic realm="yulu-admin", charset="UTF-8"', **_CLOSE},
    )


def _bundle_page(error: str = "") -> str:
    """The upload page: plain HTML, no script, Chinese; with an error message when an upload was refused."""
    message = (
        f'<p class="error" role="alert">未导入：{html.escape(error)}</p>'
        if error
        else "<p>导入后浏览器会下载一个回执文件（.yulureply），请把它拷回U盘，在那台电脑上选择"
        "“同步 › 导入县里回执…”。</p>"
    )
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>导入U盘同步文件 · 雨露计划+ 县服务器</title>
<style>body{{font-family:sans-serif;max-width:40em;margin:2em auto;line-height:1.6}}
.error{{color:#a00;font-weight:bold}}</style></head>
<body><h1>导入U盘同步文件</h1>
<p>没有网络的村，干部在电脑上选择“同步 › 导出U盘同步文件…”，把文件拷到U盘带到这里上传。
文件由那台电脑签名并为本县服务器加密，重复上传不会重复导入。</p>
{message}
<form method="post" action="/bundles" enctype="multipart/form-data">
<p><input type="file" name="bundle" accept="{bundle.REQUEST_SUFFIX}" required></p>
<p><button type="submit">导入并下载回执</button></p>
</form></body></html>
"""


def serving_app() -> FastAPI:
    """``create_app`` for a process that only serves it: ``yulu-server serve`` and each worker of
    ``uvicorn --factory yulu_desktop.server.app:serving_app --workers N`` (the database from ``YULU_SERVER_DB``).

    What exists once the app is built (modules, the app, the tables' metadata …) lives as long as the process, so
    it is moved out of the garbage collector's sight (``gc.freeze``): otherwise every full collection walks those
    ~160,000 objects again, which was a sixth of the server's CPU under a township office (docs/PERFORMANCE.md).
    Only for serving processes: a process that builds many apps (the tests) would keep each one's cycles forever.
    """
    app = create_app()
    freeze_heap()
    return app


def freeze_heap() -> None:
    """Collect what is garbage now, then exempt everything left from later collections (``gc.freeze``)."""
    gc.collect()
    gc.freeze()
