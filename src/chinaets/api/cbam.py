"""The CBAM REST API: an installation's Chinese report and goods in, the CBAM figures and the
operator's communication out. Stateless (nothing is stored); errors are 422 with bilingual,
located problems.

``POST /cbam/compute`` body: ``{"sector": "steel", "report": {…the report input…},
"goods": [{"kind": "good", "cn_code": "72083900", …}, …], "options": {"import_year": 2026}}``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import Response

from chinaets.core.errors import InputError, Location

router = APIRouter(prefix="/cbam", tags=["cbam 欧盟碳边境调节机制"])
JsonBody = Annotated[dict[str, Any], Body()]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _result(body: dict[str, Any]) -> Any:
    from chinaets.cbam.bridge import CbamOptions, compute
    from chinaets.cbam.goods import parse_goods_rows
    from chinaets.mrv.sectors import get_sector

    unknown = sorted(set(body) - {"sector", "report", "goods", "options"})
    if unknown:  # a request body names only known fields (issue 16): never a silent extra
        raise InputError.one(Location(file="<request>", field=unknown[0][:60]), f"unknown field '{unknown[0][:60]}'",
                             f"未知字段 '{unknown[0][:60]}'", "send only sector, report, goods and options",
                             "请求只能包含 sector、report、goods、options")  # fmt: skip
    for key in ("sector", "report", "goods"):
        if key not in body:
            raise InputError.one(Location(file="<request>", field=key), f"'{key}' is missing",
                                 f"缺少 {key}", "see docs/cbam.md", "请参阅 docs/cbam.md")  # fmt: skip
    rows = body["goods"] if isinstance(body["goods"], list) else []
    goods = parse_goods_rows(
        [(i, r) for i, r in enumerate(rows, start=1) if isinstance(r, dict)], "<request goods>"
    )
    try:
        options = CbamOptions(**(body.get("options") or {}))
    except TypeError as exc:
        raise InputError.one(Location(file="<request>", field="options"), f"unknown option ({exc})",
                             "未知选项", "use import_year, quarter, cea_price_cny, fx_cny_per_eur, allocation_tco2",
                             "可用选项：import_year、quarter、cea_price_cny、fx_cny_per_eur、allocation_tco2") from None  # fmt: skip
    sector = get_sector(str(body["sector"]))
    report = sector.account(sector.parse(body["report"], "<request report>"))
    return compute(sector.name, report, goods, options)


@router.post(
    "/compute", summary="CBAM figures and communication JSON / 计算 CBAM 隐含排放与证书成本"
)
def compute_cbam(body: JsonBody) -> dict[str, Any]:
    from chinaets.cbam.communication import summary_json

    return summary_json(_result(body))


@router.post("/communication.xlsx", summary="Communication workbook / 生成运营者向申报人通报的 Excel",
             response_class=Response)  # fmt: skip
def communication_xlsx(body: JsonBody) -> Response:
    from chinaets.cbam.communication import workbook_bytes

    return Response(workbook_bytes(_result(body)), media_type=XLSX)
