"""Guards every endpoint of the app inherits (installed by `api.app.create_app`), so routers
added later (platform, CEMS, CBAM, …) get them without doing anything:

- a JSON body is read at most up to `limits.MAX_BODY_BYTES` (a larger Content-Length, or a
  longer stream, is refused with 413 before parsing); other bodies (forms) and every body sent
  to a file-upload route stream on, cut off at `limits.MAX_FILE_BYTES`. A route is a file
  upload when its OpenAPI request body declares a binary media type (`upload_routes`): such a
  route takes the file whatever Content-Type the client sent (a JSON report is a file there,
  checked by the route's own reader, not parsed here);
- a JSON body is parsed once by `limits.load_json` before the router sees it: duplicate keys,
  nesting deeper than `limits.MAX_DEPTH`, numbers longer than `limits.MAX_DIGITS`, `NaN`/
  `Infinity`, NUL and control characters are refused with 422 and a located bilingual message;
- a query string with NUL or control characters is refused with 422;
- every response carries `Content-Security-Policy: frame-ancestors 'none'`,
  `X-Frame-Options: DENY`, `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer`.

The guard is plain ASGI (no buffering of responses), so streaming responses still stream.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from typing import Any
from urllib.parse import unquote_to_bytes

from chinaets.core import limits
from chinaets.core.errors import InputError, Location

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

SECURITY_HEADERS = [
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class TooLarge(Exception):
    pass


class Guard:
    def __init__(
        self,
        app: App,
        max_body: int = limits.MAX_BODY_BYTES,
        uploads: Callable[[], Sequence[tuple[str, re.Pattern[str]]]] = list,
    ) -> None:
        self.app = app
        self.max_body = max_body
        self._uploads = uploads  # (method, path pattern) of the file-upload routes
        self.uploads: Sequence[tuple[str, re.Pattern[str]]] | None = None  # on first use

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send)
        try:
            _check_query(scope)
            if self._upload(scope) or not _is_json(scope):  # files and forms: streamed, counted
                await self.app(scope, _counted(scope, receive), send)
                return
            body = await self._body(scope, receive, self.max_body)
            if body and _is_json(scope):
                limits.load_json(body, Location(field="body"), self.max_body)
        except TooLarge:
            await _answer(send, 413, _too_large())
            return
        except InputError as exc:
            await _answer(send, 422, exc.as_dict())
            return
        await self.app(scope, _replay(body), send)

    def _upload(self, scope: Scope) -> bool:
        if self.uploads is None:  # the routes are all known once the first request comes
            self.uploads = self._uploads()
        method, path = scope.get("method", ""), scope.get("path", "")
        return any(m == method and p.fullmatch(path) for m, p in self.uploads)

    async def _body(self, scope: Scope, receive: Receive, limit: int) -> bytes:
        _declared(scope, limit)
        chunks, size = [], 0
        while True:
            message = await receive()
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise TooLarge
            chunks.append(chunk)
            if not message.get("more_body"):
                return b"".join(chunks)


def _declared(scope: Scope, limit: int) -> None:
    declared = dict(scope.get("headers") or []).get(b"content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise TooLarge


def _counted(scope: Scope, receive: Receive) -> Receive:
    """An upload passed on as it arrives; past `limits.MAX_FILE_BYTES` it ends as if the
    client had gone away (after a Content-Length over the limit, before it starts)."""
    _declared(scope, limits.MAX_FILE_BYTES)
    size = 0

    async def counting() -> Message:
        nonlocal size
        message = await receive()
        size += len(message.get("body", b""))
        return {"type": "http.disconnect"} if size > limits.MAX_FILE_BYTES else message

    return counting


def upload_routes(openapi: dict[str, Any]) -> list[tuple[str, re.Pattern[str]]]:
    """(method, path pattern) of every operation of an OpenAPI document whose request body
    includes a binary media type (anything but JSON and forms): the routes that take files."""
    found = []
    for template, operations in openapi.get("paths", {}).items():
        pattern = re.compile(re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)))
        for method, operation in operations.items():
            media = operation.get("requestBody", {}).get("content", {})
            if any(not _textual(kind) for kind in media):
                found.append((method.upper(), pattern))
    return found


def _textual(media_type: str) -> bool:
    return "json" in media_type or media_type in {"application/x-www-form-urlencoded"}


def _is_json(scope: Scope) -> bool:
    kind = dict(scope.get("headers") or []).get(b"content-type", b"")
    return b"json" in kind or not kind


def _check_query(scope: Scope) -> None:
    raw = unquote_to_bytes(scope.get("query_string", b"") or b"") + scope.get("path", "").encode()
    if any(b < 0x20 or b == 0x7F for b in raw):
        raise InputError.one(
            Location(field="query"),
            "the address contains NUL or control characters",
            "请求地址含有空字符或控制字符",
            "remove them from the path and query parameters",
            "请从路径和查询参数中删除这些字符",
        )


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            names = {name.lower() for name, _ in message.get("headers", [])}
            extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
            message["headers"] = [*message.get("headers", []), *extra]
        await send(message)

    return wrapped


def _too_large() -> dict[str, Any]:
    return InputError.one(
        Location(field="body"),
        f"the request body is too large (JSON {limits.MAX_BODY_BYTES:,} bytes, uploads {limits.MAX_FILE_BYTES:,})",
        f"请求体过大（JSON 上限 {limits.MAX_BODY_BYTES:,} 字节，上传文件 {limits.MAX_FILE_BYTES:,} 字节）",
        "send smaller requests (split uploads)",
        "请发送较小的请求（拆分上传）",
    ).as_dict()


async def _answer(send: Send, status: int, content: dict[str, Any]) -> None:
    body = json.dumps(content, ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
