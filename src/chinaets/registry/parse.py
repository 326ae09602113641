"""Requests from JSON: the one parser behind the CLI, the REST API and stored proposals.

Every problem is collected (not only the first) and reported bilingually with its field.
Unknown fields are refused, so a misspelt field is never silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from chinaets.core.errors import InputError, Location, Problem
from chinaets.registry import records as r
from chinaets.registry.serials import (
    SerialRange,
    UnitClass,
    UnitKind,
    parse_range,
    parse_unit_label,
)

E = TypeVar("E", bound=StrEnum)
_DUMMY_UNIT = UnitClass(UnitKind.CEA, "2021")


class _Reader:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.used: set[str] = {"op", "request_id"}
        self.problems: list[Problem] = []

    def _raw(self, name: str, required: bool) -> Any:
        self.used.add(name)
        value = self.data.get(name)
        if value is None and required:
            self.fail(name, "is missing", "缺失", f"add the field {name}", f"请补充字段 {name}")
        return value

    def fail(self, name: str, en: str, zh: str, fix_en: str, fix_zh: str) -> None:
        self.problems.append(
            Problem(Location(field=name), f"{name} {en}", f"{name} {zh}", fix_en, fix_zh)
        )

    def text(self, name: str, required: bool = True) -> str:
        value = self._raw(name, required)
        if value is not None and not isinstance(value, str):
            self.fail(name, "must be text", "必须是文本", "quote the value", "请以文本形式填写")
            return ""
        return value or ""

    def integer(self, name: str, required: bool = True) -> int | None:
        value = self._raw(name, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(
                name,
                "must be a whole number",
                "必须是整数",
                "give an integer number of tonnes, without decimals or quotes",
                "请填写整数（吨），不带小数或引号",
            )
            return 0
        return value

    def choice(self, name: str, kind: type[E], default: E | None = None) -> E:
        value = self._raw(name, default is None)
        if value is None:
            return default if default is not None else next(iter(kind))
        try:
            return kind(value)
        except ValueError:
            names = ", ".join(k.value for k in kind)
            self.fail(
                name,
                f"'{value}' is not allowed",
                f"取值 '{value}' 无效",
                f"use one of {names}",
                f"请使用以下取值之一：{names}",
            )
            return next(iter(kind))

    def guarded(self, name: str, build: Callable[[Any], Any], fallback: Any, required: bool) -> Any:
        value = self._raw(name, required)
        if value is None:
            return None if not required else fallback
        try:
            return build(value)
        except InputError as exc:
            self.problems.extend(exc.problems)
        except (TypeError, ValueError, KeyError, AttributeError):
            self.fail(
                name,
                "is malformed",
                "格式错误",
                "see docs/registry.md for its form",
                "格式见 docs/registry.md",
            )
        return fallback

    def unit(self, name: str = "unit", required: bool = True) -> UnitClass:
        unit: UnitClass = self.guarded(name, lambda v: _unit(v, name), _DUMMY_UNIT, required)
        return unit

    def serials(self, unit: UnitClass) -> SerialRange | None:
        parsed = self.guarded("serials", lambda v: _serials(v, unit), None, False)
        if parsed is None:
            return None
        serial_unit, serial_range = parsed
        if serial_unit != unit:
            self.fail(
                "serials",
                f"are {serial_unit.label}, not {unit.label}",
                f"属于 {serial_unit.label}，而不是 {unit.label}",
                "give serials of the unit named in unit",
                "请填写与 unit 一致的序列号",
            )
        return serial_range  # type: ignore[no-any-return]

    def obligation(self, required: bool = True) -> r.Obligation | None:
        fallback = r.Obligation("", 0)
        result: r.Obligation | None = self.guarded("obligation", _obligation, fallback, required)
        return result

    def finish(self) -> None:
        for name in sorted(set(self.data) - self.used):
            self.fail(
                name,
                "is not a field of this request",
                "不是此请求的字段",
                "remove it or correct its spelling",
                "请删除或更正拼写",
            )
        if self.problems:
            raise InputError(self.problems)


def _unit(value: Any, name: str) -> UnitClass:
    if isinstance(value, str):
        return parse_unit_label(value, name)
    from chinaets.registry.serials import unit_class

    return unit_class(
        str(value["kind"]), str(value["vintage"]), str(value.get("project", "")), name
    )


def _serials(value: Any, unit: UnitClass) -> tuple[UnitClass, SerialRange]:
    if isinstance(value, Mapping):
        start, end = value["start"], value["end"]
        if not (isinstance(start, int) and isinstance(end, int) and 1 <= start <= end):
            raise ValueError(value)
        return unit, SerialRange(start, end)
    return parse_range(str(value))


def _obligation(value: Any) -> r.Obligation:
    year = value["compliance_year"]
    if isinstance(year, bool) or not isinstance(year, int):
        raise ValueError(year)
    return r.Obligation(str(value["entity"]), year)


def _qty(rd: _Reader) -> int:
    quantity = rd.integer("quantity")
    if quantity is not None and quantity <= 0:
        rd.fail(
            "quantity",
            f"must be at least 1, not {quantity}",
            f"必须至少为 1，当前为 {quantity}",
            "give a positive number of units (1 unit = 1 tCO2e)",
            "请填写正整数（1 个单位 = 1 吨二氧化碳当量）",
        )
    return quantity or 0


def _issue(rd: _Reader) -> r.Request:
    return r.Issue(
        rd.text("issuer"),
        rd.text("account"),
        rd.unit(),
        _qty(rd),
        rd.choice("issue_kind", r.IssueKind),
        rd.text("note", required=False),
    )


def _transfer(rd: _Reader) -> r.Request:
    unit = rd.unit()
    return r.Transfer(rd.text("source"), rd.text("destination"), unit, _qty(rd), rd.serials(unit))


def _freeze(rd: _Reader) -> r.Request:
    return r.Freeze(
        rd.text("account"),
        rd.text("order_ref"),
        rd.unit(required=False),
        rd.integer("quantity", required=False),
    )


def _unfreeze(rd: _Reader) -> r.Request:
    return r.Unfreeze(rd.integer("freeze_id") or 0, rd.text("order_ref"))


def _surrender(rd: _Reader) -> r.Request:
    return r.Surrender(
        rd.text("account"), rd.unit(), _qty(rd), rd.obligation() or r.Obligation("", 0)
    )


def _forced(rd: _Reader) -> r.Request:
    return r.ForcedSurrender(
        rd.text("account"),
        rd.unit(),
        _qty(rd),
        rd.obligation() or r.Obligation("", 0),
        rd.text("order_ref"),
    )


def _cancel(rd: _Reader) -> r.Request:
    unit = rd.unit()
    return r.Cancel(
        rd.text("account"),
        unit,
        _qty(rd),
        rd.choice("reason", r.CancelReason),
        rd.serials(unit),
        rd.obligation(required=False),
    )


def _carry_over(rd: _Reader) -> r.Request:
    return r.CarryOver(rd.text("account"), _qty(rd), rd.text("notice_ref"))


def _deduct(rd: _Reader) -> r.Request:
    return r.Deduct(
        rd.text("account"), rd.text("destination"), rd.unit(), _qty(rd), rd.text("reason")
    )


def _open(rd: _Reader) -> r.Request:
    return r.OpenAccount(
        rd.choice("kind", r.AccountKind),
        rd.text("holder"),
        rd.text("name"),
        rd.text("province", required=False) or None,
    )


def _add_user(rd: _Reader) -> r.Request:
    scope = rd.guarded("scope", lambda v: tuple(str(x) for x in v), (), False) or ()
    return r.AddUser(rd.text("user_id"), rd.choice("role", r.Role), rd.text("org"), scope)


BUILDERS: dict[r.Op, Callable[[_Reader], r.Request]] = {
    r.Op.OPEN_ACCOUNT: _open,
    r.Op.CLOSE_ACCOUNT: lambda rd: r.CloseAccount(rd.text("account")),
    r.Op.ISSUE: _issue,
    r.Op.TRANSFER: _transfer,
    r.Op.FREEZE: _freeze,
    r.Op.UNFREEZE: _unfreeze,
    r.Op.SURRENDER: _surrender,
    r.Op.FORCED_SURRENDER: _forced,
    r.Op.CANCEL: _cancel,
    r.Op.CARRY_OVER: _carry_over,
    r.Op.DEDUCT: _deduct,
    r.Op.APPROVE: lambda rd: r.Approve(rd.integer("approval_id") or 0),
    r.Op.REJECT: lambda rd: r.Reject(rd.integer("approval_id") or 0),
    r.Op.ADD_USER: _add_user,
}


def parse_request(op: str, data: Mapping[str, Any]) -> r.Request:
    """Build the request for operation `op` from a JSON object, or raise a bilingual InputError."""
    if not isinstance(data, Mapping):
        raise InputError.one(
            Location(field="body"),
            "the request body must be a JSON object",
            "请求体必须是 JSON 对象",
            'send {"field": value, …}',
            '请发送 {"字段": 值, …} 形式的对象',
        )
    try:
        builder = BUILDERS[r.Op(op)]
    except ValueError:
        names = ", ".join(o.value for o in r.Op)
        raise InputError.one(
            Location(field="op"),
            f"unknown operation '{op}'",
            f"未知的操作 '{op}'",
            f"use one of {names}",
            f"请使用以下操作之一：{names}",
        ) from None
    reader = _Reader(data)
    request = builder(reader)
    reader.finish()
    return request


def request_id_of(data: Mapping[str, Any]) -> str:
    value = data.get("request_id") if isinstance(data, Mapping) else None
    return check_request_id(value)


REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")


def check_request_id(value: Any) -> str:
    """1-100 of A-Z a-z 0-9 . _ : - (a UUID fits): safe in CSV, Excel, logs and terminals."""
    if not isinstance(value, str) or not REQUEST_ID.fullmatch(value):
        raise InputError.one(
            Location(field="request_id"),
            "every write needs a client request id of 1-100 letters, digits and . _ : - (starting with a letter or digit)",
            "每个写请求都需要由 1-100 个字母、数字及 . _ : - 组成（以字母或数字开头）的客户端请求编号",
            "generate one per operation (e.g. a UUID) and reuse it only to retry that operation",
            "请为每次操作生成一个编号（如 UUID），仅在重试同一操作时重复使用",
        )
    return value
