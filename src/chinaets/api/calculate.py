"""Stateless calculations on one document, like OpenFisca's ``/calculate``: send the JSON a file
would hold, get the result; nothing is stored and no token is needed."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Body, FastAPI, Query
from pydantic import BaseModel

from chinaets.allocation.schema import AllocationInput
from chinaets.compliance.schema import ComplianceInput
from chinaets.mrv.sectors import sectors
from chinaets.platform import calculate

router = APIRouter(prefix="/calculate", tags=["calculate 计算"])
Document = Annotated[dict[str, Any], Body()]
Price = Annotated[Decimal, Query(gt=0, description="yuan per tonne")]


@router.post("/account", summary="Account one report / 核算一份报告")
def account(document: Document) -> dict[str, Any]:
    return calculate.account(document)


@router.post("/check", summary="Verification checks of one report / 核查检查")
def check(document: Document) -> list[dict[str, Any]]:
    return calculate.check(document)


@router.post("/allocate", summary="Allocate one entity / 配额分配")
def allocate(
    document: Annotated[dict[str, Any], Body(description=AllocationInput.__doc__ or "")],
) -> dict[str, Any]:
    return calculate.allocate(document)


@router.post("/comply", summary="Compliance status of a position / 履约状态")
def comply(
    document: Annotated[dict[str, Any], Body(description=ComplianceInput.__doc__ or "")],
) -> dict[str, Any]:
    return calculate.comply(document)


@router.post("/plan", summary="Cheapest lawful way to comply / 最低成本履约方案")
def plan(
    document: Annotated[dict[str, Any], Body()], price_cea: Price, price_ccer: Price
) -> dict[str, Any]:
    return calculate.plan(document, price_cea, price_ccer)


def publish_schemas(app: FastAPI) -> None:
    """Put every sector's report model and the allocation and compliance inputs in the OpenAPI
    components, and point the calculation bodies at them."""
    from pydantic.json_schema import models_json_schema

    base = app.openapi
    reports = [spec.report_model for spec in sectors().values()]
    models: list[type[BaseModel]] = [*reports, AllocationInput, ComplianceInput]

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = base()
        _, defs = models_json_schema([(m, "validation") for m in models],
                                     ref_template="#/components/schemas/{model}")  # fmt: skip
        schema.setdefault("components", {}).setdefault("schemas", {}).update(defs.get("$defs", {}))
        refs = {"oneOf": [{"$ref": f"#/components/schemas/{m.__name__}"} for m in reports]}
        bodies = {"/calculate/account": refs, "/calculate/check": refs,
                  "/calculate/allocate": {"$ref": "#/components/schemas/AllocationInput"},
                  "/calculate/comply": {"$ref": "#/components/schemas/ComplianceInput"},
                  "/calculate/plan": {"$ref": "#/components/schemas/ComplianceInput"}}  # fmt: skip
        for path, body in bodies.items():
            post = schema["paths"][path]["post"]
            post["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": body}},
            }
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
