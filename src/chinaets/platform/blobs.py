"""Files kept content-addressed on disk: ``<folder>/<sha[:2]>/<sha>``.

The name on disk is the SHA-256 of the bytes, never a name a user gave, so nothing a user names
can write outside the folder, and the same file kept twice takes the room of one. Only the kinds
of files a report or its evidence can be are accepted (recognised by their first bytes, not by
their name); anything else, or anything over the size limit, is refused with a bilingual error.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from chinaets.core.errors import InputError, Location

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Largest single file accepted (a scanned lab report or a year's monthly workbook fits)."""

EVIDENCE_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg",
                  "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}  # fmt: skip
DATA_TYPES = {"json": "application/json", "csv": "text/csv"}


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    media_type: str


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sniff(data: bytes) -> str | None:
    """The kind of file the bytes are (pdf, png, jpeg, xlsx), or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04") and b"[Content_Types].xml" in data[:65536]:
        return "xlsx"
    return None


def too_large(name: str, size: int, limit: int = MAX_FILE_BYTES) -> InputError:
    return InputError.one(
        Location(file=name),
        f"the file is {size:,} bytes, more than the {limit:,} bytes accepted",
        f"文件大小 {size:,} 字节，超过上限 {limit:,} 字节",
        "split it, or compress the scans before uploading",
        "请拆分文件或压缩扫描件后再上传",
    )


def not_evidence(name: str) -> InputError:
    return InputError.one(
        Location(file=name),
        "an evidence file must be a PDF, a PNG or JPEG image or an Excel .xlsx workbook",
        "证明材料须为 PDF、PNG/JPEG 图片或 Excel .xlsx 工作簿",
        "convert the file to PDF (scans) or .xlsx (ledgers) and upload it again",
        "请将文件转换为 PDF（扫描件）或 .xlsx（台账）后重新上传",
    )


def evidence_media_type(name: str, data: bytes) -> str:
    """The media type of an evidence file, or a refusal naming the file."""
    if len(data) > MAX_FILE_BYTES:
        raise too_large(name, len(data))
    kind = sniff(data)
    if kind is None:
        raise not_evidence(name)
    return EVIDENCE_TYPES[kind]


class BlobFolder:
    """The folder of content-addressed files beside the database."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError("not a SHA-256 hex digest")
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        """Keep the bytes (atomically: a crash leaves the file whole or absent); their SHA-256."""
        digest = sha256_bytes(data)
        target = self.path(digest)
        if target.is_file():
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return digest

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()
