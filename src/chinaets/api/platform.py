"""The platform's REST API: submissions and monthly deposits, screening, review transitions.

Files are sent as the request body (``application/json``, an ``.xlsx`` workbook or a ``.zip`` of
reports, deposits and their evidence) with their name in ``?name=``; the answer lists every
file's outcome. Authentication as for the registry (``Authorization: Bearer <token>``): an
enterprise submits and sees only its own; a provincial user screens and reviews its province.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import Response

from chinaets.api.registry import Caller
from chinaets.core.errors import InputError, Location
from chinaets.platform import queries, review, screening
from chinaets.platform.blobs import MAX_FILE_BYTES, too_large
from chinaets.platform.export import workbook
from chinaets.platform.intake import MAX_ARCHIVE_BYTES, gather
from chinaets.platform.schemas import ReviewRequest
from chinaets.platform.store import PlatformStore
from chinaets.platform.submit import submit_batch, utc_now
from chinaets.registry.records import Actor, Role

router = APIRouter(prefix="/platform", tags=["platform 数据管理平台"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"type": "object"}},
            "application/zip": {"schema": {"type": "string", "format": "binary"}},
            XLSX: {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


def store_of(request: Request) -> PlatformStore:
    store: PlatformStore = request.app.state.platform
    return store


Store = Annotated[PlatformStore, Depends(store_of)]
Name = Annotated[
    str, Query(min_length=1, max_length=200, description="file name, e.g. report.json")
]


async def _upload(
    request: Request, store: PlatformStore, actor: Actor, name: str, kind: str | None
) -> list[dict[str, Any]]:
    if actor.role is Role.PUBLIC:
        raise InputError.one(Location(field="Authorization"), "sign in to submit", "请先登录再提交",
                             "send Authorization: Bearer <token>", "请携带访问令牌")  # fmt: skip
    body = await request.body()
    limit = MAX_ARCHIVE_BYTES if name.lower().endswith(".zip") else MAX_FILE_BYTES
    if len(body) > limit:
        raise too_large(name, len(body), limit)
    safe = Path(name.replace("\\", "/")).name or "upload"
    with tempfile.TemporaryDirectory(prefix="chinaets-api-") as folder:
        path = Path(folder) / safe
        path.write_bytes(body)
        uploads, refused = gather([path])
        outcomes = refused + submit_batch(store, uploads, actor.user_id, utc_now, actor, kind)
    return [_renamed(o.as_dict(), folder, name) for o in outcomes]


def _renamed(outcome: dict[str, Any], folder: str, name: str) -> dict[str, Any]:
    """Outcomes name the file as the client sent it, never the server's temporary folder."""

    def fix(text: str) -> str:
        return text.replace(f"{folder}/{Path(name).name}", name).replace(folder + "/", "")

    outcome["name"] = fix(outcome["name"])
    for problem in outcome["problems"]:
        if "file" in problem["where"]:
            problem["where"]["file"] = fix(problem["where"]["file"])
    return outcome


@router.post("/submissions", summary="Submit annual reports (file, workbook or ZIP) / 提交年度报告",
             openapi_extra=UPLOAD_BODY)  # fmt: skip
async def submit(request: Request, store: Store, actor: Caller, name: Name) -> list[dict[str, Any]]:
    return await _upload(request, store, actor, name, None)


@router.post("/deposits", summary="Deposit a month's data and evidence (JSON or ZIP) / 月度存证",
             openapi_extra=UPLOAD_BODY)  # fmt: skip
async def deposit(
    request: Request, store: Store, actor: Caller, name: Name
) -> list[dict[str, Any]]:
    return await _upload(request, store, actor, name, "deposit")


# Integers a database column can hold: an unbounded one is a 500 on SQLite, not a 422.
Year = Annotated[int | None, Query(ge=2000, le=2100, description="data year, e.g. 2025")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="rows to skip")]
SubmissionId = Annotated[int, PathParam(ge=1, le=2**62, description="submission id, e.g. 12")]


@router.get("/submissions", summary="Submissions the caller may see / 可查看的提交")
def submissions(
    store: Store, actor: Caller, kind: str | None = None, credit_code: str | None = None,
    year: Year = None, state: str | None = None, search: str | None = None,
    all_versions: bool = False, offset: Offset = 0, limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:  # fmt: skip
    where = queries.SubmissionFilter(kind, credit_code, year, state, search, not all_versions)
    with store.reading() as session:
        rows, total = queries.list_submissions(session, actor, where, offset, limit)
    return {"total": total, "rows": rows}


@router.get(
    "/submissions/{submission_id}",
    summary="One submission: figures, files, findings, history / 提交详情",
)
def submission(submission_id: SubmissionId, store: Store, actor: Caller) -> dict[str, Any]:
    with store.reading() as session:
        return queries.submission(session, actor, submission_id)


@router.get("/submissions/{submission_id}/files/{name}", summary="Download a file / 下载文件")
def download(submission_id: SubmissionId, name: str, store: Store, actor: Caller) -> Response:
    with store.reading() as session:
        found = queries.file_of(session, actor, submission_id, name)
        media = found.sha256
    data = store.files.read(media)
    disposition = f"attachment; filename*=UTF-8''{_quote(name)}"
    return Response(data, media_type="application/octet-stream",
                    headers={"Content-Disposition": disposition})  # fmt: skip


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")


@router.post("/submissions/{submission_id}/review", summary="Review transition / 审核操作")
def review_transition(
    submission_id: SubmissionId, body: ReviewRequest, store: Store, actor: Caller
) -> dict[str, Any]:
    event = review.transition(
        store, submission_id, body.action, actor, utc_now(), review.Decision.of(body)
    )
    return {"submission_id": submission_id, "from": event.from_state, "to": event.to_state,
            "to_zh": review.STATE_ZH[event.to_state], "at": event.at,
            "verified_on": event.verified_on, "feedback_due": event.feedback_due}  # fmt: skip


AFTER = (
    "the 'next' of the previous page: the page starts after its last row (keyset paging, "
    "for deep pages; offset is then ignored) / 上一页返回的 next 游标"
)


def _query(**given: Any) -> screening.ScreeningQuery:
    return screening.ScreeningQuery(**{k: v for k, v in given.items() if v is not None})


@router.get("/findings", summary="Screening list (paged; format=xlsx for Excel) / 筛查清单")
def findings(
    store: Store, actor: Caller, province: str | None = None, sector: str | None = None,
    severity: str | None = None, source: str | None = None, credit_code: str | None = None,
    year: Year = None, code: str | None = None, search: str | None = None,
    sort: str = "tco2_at_stake", descending: bool = True, offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=screening.MAX_PAGE)] = 50, format: str = "json",
    after: Annotated[str | None, Query(max_length=400, description=AFTER)] = None,
) -> Any:  # fmt: skip
    query = _query(province=province, sector=sector, severity=severity, source=source,
                   credit_code=credit_code, year=year, code=code, search=search, sort=sort,
                   descending=descending, offset=offset, limit=limit, after=after)  # fmt: skip
    with store.reading() as session:
        if format == "xlsx":
            data = workbook(screening.all_rows(session, actor, query),
                            screening.risk_ranking(session, actor, query, screening.MAX_PAGE))  # fmt: skip
            return Response(data, media_type=XLSX,
                            headers={"Content-Disposition": "attachment; filename=screening.xlsx"})  # fmt: skip
        rows, total = screening.screen(session, actor, query)
    return {"total": total, "rows": [r.as_dict() for r in rows],
            "next": screening.cursor_after(query, rows)}  # fmt: skip


@router.get("/risk", summary="Entities ranked by risk / 单位风险排序")
def risk(store: Store, actor: Caller, province: str | None = None, year: Year = None,
         limit: Annotated[int, Query(ge=1, le=screening.MAX_PAGE)] = 50) -> list[dict[str, Any]]:  # fmt: skip
    with store.reading() as session:
        ranked = screening.risk_ranking(session, actor, _query(province=province, year=year), limit)
    return [r.as_dict() for r in ranked]
