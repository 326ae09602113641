"""The screening list's keyset cursor: where the next page starts, as an opaque text.

A cursor is the sort it belongs to, its direction, the last row's sort value and its finding
id, as URL-safe base64 of JSON. It is not a secret: a page still shows only what the user may
see, whatever the cursor says; a cursor of another order, or not one at all, is refused.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from chinaets.core.errors import InputError, Location


def make(sort: str, descending: bool, value: Any, finding_id: int) -> str:
    data = json.dumps([sort, descending, value, finding_id], separators=(",", ":"))
    return base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")


def read(text: str, sort: str, descending: bool) -> tuple[Any, int]:
    """The (sort value, finding id) a cursor holds, if it was made for this order."""
    try:
        data = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        made_for, direction, value, finding_id = data
    except (ValueError, TypeError, binascii.Error):
        raise _refused("is not a cursor of the screening list", "不是筛查清单的分页游标") from None
    if (made_for, direction) != (sort, descending) or not isinstance(finding_id, int):
        raise _refused("belongs to another order of the list", "属于清单的另一种排序")
    if not isinstance(value, str | int | float):
        raise _refused("holds no sort value", "不含排序值")
    return value, finding_id


def _refused(en: str, zh: str) -> InputError:
    return InputError.one(
        Location(field="after"),
        f"the 'after' value {en}",
        f"参数 after（分页游标）{zh}",
        "start again from the first page, or pass the 'after' the previous page gave",
        "请从第一页重新开始，或使用上一页返回的 after 游标",
    )
