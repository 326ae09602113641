"""The platform's pages: the reviewer's screening list and review actions, and every user's
submissions with their versions and history (an enterprise sees only its own).

Server-side paging, sorting and filtering; Excel and file downloads; forms posted as
``application/x-www-form-urlencoded`` (parsed here: python-multipart is not a dependency). A
file is uploaded by ``static/platform.js`` as the raw request body, as the REST API takes it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from chinaets.core.china import PROVINCES
from chinaets.core.errors import ChinaetsError, InputError
from chinaets.mrv.sectors import sectors
from chinaets.platform import queries, review, screening
from chinaets.platform.export import SEVERITY_ZH, SOURCE_ZH, workbook
from chinaets.platform.intake import gather
from chinaets.platform.records import FindingDraft
from chinaets.platform.store import PlatformStore, files_folder
from chinaets.platform.submit import submit_batch, utc_now
from chinaets.registry.errors import AccessDenied
from chinaets.registry.records import Role
from chinaets.registry.service import Registry
from chinaets.web import i18n
from chinaets.web.access import Viewer

PAGE = 50
Render = Callable[..., HTMLResponse]
Who = Callable[[Request], Viewer]
SignedIn = Callable[[Request], Viewer | None]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT: dict[str, tuple[str, str]] = {
    "screening": ("Screening", "筛查"),
    "platform_screening": ("Screening", "筛查"),
    "platform_submissions": ("Submissions", "提交记录"),
    "platform_submission": ("Submission", "提交详情"),
    "submissions": ("Submissions", "提交记录"),
    "submission": ("Submission", "提交详情"),
    "risk": ("Entities by risk", "单位风险排序"),
    "severity": ("Severity", "严重程度"), "source": ("Source", "来源"), "code": ("Code", "代码"),
    "unit": ("Unit", "设施"), "month": ("Month", "月份"), "field": ("Field", "数据项"),
    "message_col": ("Finding", "说明"), "at_stake": ("tCO2 at stake", "涉及排放量 tCO2"),
    "errors": ("Errors", "错误"), "warnings": ("Warnings", "警告"), "version": ("Version", "版本"),
    "state": ("State", "状态"), "submitted_at": ("Submitted", "提交时间"), "year": ("Year", "年度"),
    "kind": ("Kind", "类型"), "sector": ("Sector", "行业"), "total_t": ("Emissions tCO2", "排放量 tCO2"),
    "defaults_t": ("of which defaults", "其中缺省值"), "files": ("Files", "文件"),
    "history": ("History", "审核记录"), "findings": ("Findings", "核查发现"),
    "download_xlsx": ("Download Excel", "下载 Excel"), "previous": ("Previous", "上一页"),
    "next": ("Next", "下一页"), "start_review": ("Start review", "开始审核"),
    "return_report": ("Return with findings", "退回并附核查发现"), "accept": ("Accept (verified)", "核查通过"),
    "note": ("Note to the entity", "给单位的说明"), "conclusion": ("Verifier's conclusion", "核查结论"),
    "verified_on": ("Verification completed on", "核查完成日期"),
    "feedback_due": ("Feedback due", "反馈期限"), "upload": ("Submit a file", "提交文件"),
    "upload_help": ("A report (.json, .xlsx), a monthly deposit (.json) or a .zip of them.",
                    "年度报告（.json、.xlsx）、月度存证（.json）或其 .zip 压缩包。"),
    "by": ("By", "操作人"), "from_to": ("Transition", "状态变更"), "filter": ("Filter", "筛选"),
    "all": ("All", "全部"), "search": ("Search", "搜索"), "superseded": ("superseded", "已被取代"),
    "report": ("annual report", "年度报告"), "deposit": ("monthly deposit", "月度存证"),
    "province": ("Province", "省份"), "entity_col": ("Entity", "单位"),
}  # fmt: skip
i18n.TEXT.update({k: v for k, v in TEXT.items() if k not in i18n.TEXT})


def register(app: FastAPI, render: Render, who: Who, registry: Registry | None) -> None:
    """Add the platform's pages to the dashboard (only with a registry: users are its users)."""
    if registry is None:
        return
    url = registry.engine.url.render_as_string(hide_password=False)
    store = PlatformStore(registry.engine, files_folder(url))

    def signed_in(request: Request) -> Viewer | None:
        viewer = who(request)
        return viewer if viewer.logged_in else None

    _list_routes(app, render, signed_in, store)
    _detail_routes(app, render, signed_in, store)


def _filters(request: Request) -> dict[str, str]:
    keys = ("province", "sector", "severity", "source", "year", "code", "search", "sort", "dir")
    return {k: v for k in keys if (v := request.query_params.get(k, "").strip())}


def _query(
    f: dict[str, str], page: int, request: Request | None = None
) -> screening.ScreeningQuery:
    """The list's query; with a request, its page size (``limit``) and cursor (``after``: the
    "next" link pages by keyset, the way to deep pages; "previous" and page 1 by offset)."""
    year = int(f["year"]) if f.get("year", "").isdigit() else None
    params = request.query_params if request is not None else {}
    size = params.get("limit", "")
    limit = min(int(size), screening.MAX_PAGE) if size.isdigit() and int(size) > 0 else PAGE
    return screening.ScreeningQuery(
        province=f.get("province"), sector=f.get("sector"), severity=f.get("severity"),
        source=f.get("source"), year=year, code=f.get("code"), search=f.get("search"),
        sort=f.get("sort", "tco2_at_stake"), descending=f.get("dir", "desc") != "asc",
        offset=(page - 1) * limit, limit=limit, after=params.get("after") or None,
    )  # fmt: skip


def _page(request: Request) -> int:
    text = request.query_params.get("page", "1")
    return max(1, int(text)) if text.isdigit() else 1


def _list_routes(app: FastAPI, render: Render, signed_in: SignedIn, store: PlatformStore) -> None:
    @app.get("/platform/screening", response_class=HTMLResponse)
    def screening_page(request: Request) -> Response:
        viewer = signed_in(request)
        if viewer is None:
            return RedirectResponse("/login", status_code=303)
        f, page = _filters(request), _page(request)
        query = _query(f, page, request)
        if query.limit != PAGE:
            f["limit"] = str(query.limit)
        error = None
        with store.reading() as session:
            try:
                rows, total = screening.screen(session, viewer.actor, query)
            except InputError as exc:  # an altered cursor, or one of another order: page 1
                error, page, query = (
                    _first(exc),
                    1,
                    dataclasses.replace(query, after=None, offset=0),
                )
                rows, total = screening.screen(session, viewer.actor, query)
            risks = screening.risk_ranking(session, viewer.actor, _query(f, 1), 20)
        return render(request, "platform_screening", {
            "rows": rows, "total": total, "risks": risks, "f": f, "pagenum": page,
            "after": screening.cursor_after(query, rows), "error": error,
            "pages": max(1, -(-total // query.limit)), "qs": lambda **kw: _qs(f, kw),
            "provinces": sorted(PROVINCES), "sortable": list(screening.SORTABLE),
            "severity_zh": SEVERITY_ZH, "source_zh": SOURCE_ZH, "province_zh": _province_zh,
            "sector_zh": _sector_zh(),
        })  # fmt: skip

    @app.get("/platform/screening.xlsx")
    def screening_xlsx(request: Request) -> Response:
        viewer = signed_in(request)
        if viewer is None:
            return RedirectResponse("/login", status_code=303)
        query = _query(_filters(request), 1)
        with store.reading() as session:
            data = workbook(screening.all_rows(session, viewer.actor, query),
                            screening.risk_ranking(session, viewer.actor, query, screening.MAX_PAGE))  # fmt: skip
        return Response(data, media_type=XLSX,
                        headers={"Content-Disposition": "attachment; filename=screening.xlsx"})  # fmt: skip

    @app.get("/platform/submissions", response_class=HTMLResponse)
    def submissions_page(request: Request) -> Response:
        viewer = signed_in(request)
        if viewer is None:
            return RedirectResponse("/login", status_code=303)
        f, page = _filters(request), _page(request)
        state = request.query_params.get("state") or None
        where = queries.SubmissionFilter(state=state, search=f.get("search"), latest_only=False)
        with store.reading() as session:
            rows, total = queries.list_submissions(
                session, viewer.actor, where, (page - 1) * PAGE, PAGE
            )
        return render(request, "platform_submissions", {
            "rows": rows, "total": total, "pagenum": page, "pages": max(1, -(-total // PAGE)),
            "f": f, "qs": lambda **kw: _qs(f, kw), "may_upload": viewer.actor.role is not Role.PUBLIC,
        })  # fmt: skip


def _qs(f: dict[str, str], changes: dict[str, Any]) -> str:
    merged = {**f, **{k: str(v) for k, v in changes.items() if v is not None}}
    return "?" + urlencode(merged)


def _sector_zh() -> dict[str, str]:
    return {name: spec.zh for name, spec in sectors().items()}


def _province_zh(name: str) -> str:
    return f"{PROVINCES[name][0]} {name}" if name in PROVINCES else name


def _detail_routes(app: FastAPI, render: Render, signed_in: SignedIn, store: PlatformStore) -> None:
    @app.get("/platform/submissions/{submission_id}", response_class=HTMLResponse)
    def submission_page(request: Request, submission_id: int) -> Response:
        viewer = signed_in(request)
        if viewer is None:
            return RedirectResponse("/login", status_code=303)
        try:
            with store.reading() as session:
                detail = queries.submission(session, viewer.actor, submission_id)
        except AccessDenied:
            return render(request, "message", {"message": "denied"}, 403)
        reviewer = viewer.actor.role in (Role.PROVINCIAL, Role.MINISTRY, Role.OPERATOR)
        return render(request, "platform_submission", {
            "s": detail, "reviewer": reviewer and detail["kind"] == "report",
            "state_zh": review.STATE_ZH, "quote": quote, "error": request.query_params.get("error"),
            "severity_zh": SEVERITY_ZH, "source_zh": SOURCE_ZH, "sector_zh": _sector_zh(),
        })  # fmt: skip

    @app.get("/platform/submissions/{submission_id}/files/{name}")
    def download(request: Request, submission_id: int, name: str) -> Response:
        viewer = signed_in(request)
        try:
            with store.reading() as session:
                found = queries.file_of(
                    session, viewer.actor if viewer else _public(), submission_id, name
                )
        except AccessDenied:
            return render(request, "message", {"message": "denied"}, 403)
        headers = {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name, safe='')}"}
        return Response(
            store.files.read(found.sha256), media_type="application/octet-stream", headers=headers
        )

    @app.post("/platform/submissions/{submission_id}/review")
    async def review_action(request: Request, submission_id: int) -> Response:
        viewer = signed_in(request)
        if viewer is None:
            return RedirectResponse("/login", status_code=303)
        form = {
            k: v[0] for k, v in parse_qs((await request.body()).decode("utf-8", "replace")).items()
        }
        target = f"/platform/submissions/{submission_id}"
        try:
            review.transition(store, submission_id, form.get("action", ""), viewer.actor,
                              utc_now(), _decision(form))  # fmt: skip
        except (InputError, AccessDenied) as exc:
            return RedirectResponse(f"{target}?error={quote(_first(exc))}", status_code=303)
        return RedirectResponse(target, status_code=303)

    @app.post("/platform/upload")
    async def upload(request: Request) -> Response:
        viewer = signed_in(request)
        if viewer is None:
            return JSONResponse({"error": "sign in / 请先登录"}, status_code=401)
        name = Path((request.query_params.get("name") or "upload").replace("\\", "/")).name
        body = await request.body()
        with tempfile.TemporaryDirectory(prefix="chinaets-web-") as folder:
            (Path(folder) / name).write_bytes(body)
            uploads, refused = gather([Path(folder) / name])
            outcomes = refused + submit_batch(
                store, uploads, viewer.actor.user_id, utc_now, viewer.actor
            )
            data = [o.as_dict() for o in outcomes]
        text = str(data).replace(folder + "/", "")
        return JSONResponse(
            [{**o, "name": o["name"].replace(folder + "/", "")} for o in data] if text else []
        )


def _public() -> Any:
    from chinaets.registry.records import PUBLIC

    return PUBLIC


def _first(exc: ChinaetsError) -> str:
    if isinstance(exc, InputError) and exc.problems:
        p = exc.problems[0]
        return f"{p.zh} / {p.en}"
    if isinstance(exc, AccessDenied):
        return f"{exc.zh} / {exc.en}"
    return str(exc)


def _decision(form: dict[str, str]) -> review.Decision:
    verified = form.get("verified_on") or ""
    try:
        on = dt.date.fromisoformat(verified) if verified else None
    except ValueError:
        on = None
    findings: tuple[FindingDraft, ...] = ()
    if form.get("finding_en") or form.get("finding_zh"):
        month = form.get("finding_month", "")
        findings = (FindingDraft(
            "review", form.get("finding_severity") or "error", form.get("finding_code") or "REV",
            form.get("finding_en") or form.get("finding_zh", ""),
            form.get("finding_zh") or form.get("finding_en", ""),
            unit_id=form.get("finding_unit", ""), month=int(month) if month.isdigit() and 1 <= int(month) <= 12 else None,
            field=form.get("finding_field", ""),
        ),)  # fmt: skip
    return review.Decision(form.get("conclusion", ""), form.get("note", ""), on, findings)
