"""What `chinaets submit PATH…` receives, turned into uploads: files, folders and ZIP archives.

A folder holding ``entity.csv`` is one report (its CSV tables); any other folder is walked for
report and deposit files. A ZIP is read in memory under guards against hostile archives: member
count, total and per-member size, compression ratio (zip bombs), and names that would climb
out of the archive (``..``, absolute paths) or are links. Files beside a deposit are the
evidence it may name. Anything that cannot be a submission is refused by name, never skipped
silently.
"""

from __future__ import annotations

import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from chinaets.core.errors import InputError, Location, Problem
from chinaets.platform.blobs import MAX_FILE_BYTES, too_large
from chinaets.platform.records import Outcome
from chinaets.platform.submit import Upload

REPORT_SUFFIXES = (".json", ".xlsx", ".xlsm")
EVIDENCE_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".xlsx")
MAX_MEMBERS = 5000
MAX_ARCHIVE_BYTES = 500 * 1024 * 1024
MAX_RATIO = 200
"""Largest uncompressed/compressed size ratio of a ZIP member (text compresses ~10×)."""


@dataclass(frozen=True)
class Entry:
    """A file found in the input: its name as the user sees it and its bytes."""

    name: str
    data: bytes


def gather(paths: list[Path]) -> tuple[list[Upload], list[Outcome]]:
    """The uploads in `paths`, and the refusals of what cannot be one."""
    uploads: list[Upload] = []
    refused: list[Outcome] = []
    for path in paths:
        try:
            groups = list(_groups(path))
        except InputError as exc:
            refused.append(Outcome(str(path), "refused", problems=tuple(exc.problems)))
            continue
        for folder, entries in groups:
            found, bad = _uploads(folder, entries)
            uploads += found
            refused += bad
    return uploads, refused


def _groups(path: Path) -> Iterator[tuple[str, list[Entry]]]:
    """Groups of sibling files (a folder's files, or an archive folder's members)."""
    if path.is_symlink() or not path.exists():
        raise _refuse(str(path), "the path does not exist or is a link", "路径不存在或为链接",
                      "give a file or a folder", "请提供文件或文件夹")  # fmt: skip
    if path.is_dir():
        yield from _folder(path)
    elif path.suffix.lower() == ".zip":
        yield from _by_folder(read_zip(path))
    else:
        yield str(path.parent), [_read(path)]


def _folder(root: Path) -> Iterator[tuple[str, list[Entry]]]:
    files = sorted(p for p in root.iterdir() if p.is_file() and not p.is_symlink())
    if (root / "entity.csv").is_file():
        yield str(root), [Entry(str(root), b"")] + [_read(p) for p in files]
        return
    yield str(root), [_read(p) for p in files if not p.name.startswith(".")]
    for sub in sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink()):
        yield from _folder(sub)


def _read(path: Path) -> Entry:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise too_large(str(path), size)
    return Entry(str(path), path.read_bytes())


def read_zip(path: Path) -> list[Entry]:
    """The members of an archive, refused whole if it is hostile."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            _guard(path, members)
            return [Entry(f"{path}/{m.filename}", archive.read(m)) for m in members]
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _refuse(str(path), f"not a readable ZIP archive ({exc})", "不是可读取的 ZIP 压缩包",
                      "create the archive again", "请重新打包") from None  # fmt: skip


def _guard(path: Path, members: list[zipfile.ZipInfo]) -> None:
    name = str(path)
    if len(members) > MAX_MEMBERS:
        raise _refuse(name, f"the archive holds {len(members)} files, more than {MAX_MEMBERS}",
                      f"压缩包含 {len(members)} 个文件，超过上限 {MAX_MEMBERS}",
                      "split it into several archives", "请拆分为多个压缩包")  # fmt: skip
    total = 0
    for m in members:
        parts = PurePosixPath(m.filename.replace("\\", "/")).parts
        link = stat.S_ISLNK(m.external_attr >> 16)
        if link or not parts or parts[0] == "/" or ".." in parts or ":" in parts[0]:
            raise _refuse(f"{name}/{m.filename}", "the archive names a link or a path outside "
                          "itself", "压缩包含链接或指向包外的路径", "pack plain files only, "
                          "with relative names", "请只打包普通文件并使用相对路径")  # fmt: skip
        total += m.file_size
        if m.file_size > MAX_FILE_BYTES:
            raise too_large(f"{name}/{m.filename}", m.file_size)
        if m.file_size > MAX_RATIO * max(m.compress_size, 1) and m.file_size > 1024 * 1024:
            raise _refuse(f"{name}/{m.filename}", "the member expands more than "
                          f"{MAX_RATIO}× (a zip bomb?)", f"文件解压后膨胀超过 {MAX_RATIO} 倍（疑似压缩炸弹）",
                          "send the files uncompressed", "请直接提交原文件")  # fmt: skip
    if total > MAX_ARCHIVE_BYTES:
        raise too_large(name, total, MAX_ARCHIVE_BYTES)


def _by_folder(entries: list[Entry]) -> Iterator[tuple[str, list[Entry]]]:
    folders: dict[str, list[Entry]] = {}
    for entry in entries:
        folders.setdefault(entry.name.rsplit("/", 1)[0], []).append(entry)
    for folder, found in sorted(folders.items()):
        if any(e.name.endswith("/entity.csv") for e in found):
            found = [Entry(folder, b""), *found]
        yield folder, found


def _uploads(folder: str, entries: list[Entry]) -> tuple[list[Upload], list[Outcome]]:
    if entries and entries[0].data == b"" and entries[0].name == folder:  # a CSV report folder
        csv = {Path(e.name).name: e.data for e in entries[1:] if e.name.endswith(".csv")}
        return [Upload(folder, csv)], []
    evidence = {Path(e.name).name: e.data for e in entries}
    uploads, refused, named = [], [], _named_evidence(entries)
    for entry in entries:
        base, suffix = Path(entry.name).name, Path(entry.name).suffix.lower()
        if base in named:
            continue
        if suffix in REPORT_SUFFIXES:
            uploads.append(Upload(entry.name, {base: entry.data}, evidence))
        else:
            refused.append(Outcome(entry.name, "refused", problems=(_not_submission(entry.name),)))
    return uploads, refused


def _named_evidence(entries: list[Entry]) -> set[str]:
    """Files that a deposit in the same folder names as its evidence."""
    import json

    named: set[str] = set()
    for entry in entries:
        if not entry.name.lower().endswith(".json") or b'"deposit"' not in entry.data:
            continue
        try:
            header = json.loads(entry.data.decode("utf-8-sig")).get("deposit", {})
            named.update(str(n) for n in header.get("evidence", []))
        except (ValueError, AttributeError, UnicodeDecodeError):
            continue
    return named


def _not_submission(name: str) -> Problem:
    return Problem(Location(name), "not a report or deposit (and no deposit names it as evidence)",
                   "不是排放报告或存证文件（也未被存证列为证明材料）",
                   "send reports as .json/.xlsx or CSV folders; list evidence files in the "
                   "deposit's evidence", "报告请用 .json/.xlsx 或 CSV 文件夹提交；证明材料须在存证的 evidence 中列明")  # fmt: skip


def _refuse(name: str, en: str, zh: str, fix_en: str, fix_zh: str) -> InputError:
    return InputError.one(Location(name), en, zh, fix_en, fix_zh)
