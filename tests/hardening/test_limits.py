"""The size guard: a map larger than ``ECOMAP_MAX_INPUT_MB`` is refused before it is read.

Each test builds a map a few bytes over a small limit (set through ``max_bytes`` or the
environment variable) rather than tens of megabytes; the figures behind the default
limit are in :mod:`ecomap.ingest.readers`. "Before it is read" is checked by measuring
the memory allocated while refusing (``tracemalloc``), which stays far below the size
of the file, and by making the workbook reader fail if it is reached at all.
"""

from __future__ import annotations

import io
import json
import math
import random
import struct
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest

from ecomap.cli import main
from ecomap.errors import InputError
from ecomap.ingest import map_bytes, read_bytes, read_map, write_map
from ecomap.ingest.readers import (
    DEFAULT_MAX_INPUT_MB,
    JSON_FACTOR,
    MAX_INPUT_ENV,
    XLSX_UNPACKED_FACTOR,
    max_input_bytes,
)
from ecomap.ingest.writers import EXCEL_CELL_LIMIT
from ecomap.model import Actor, Ecosystem, Relation
from ecomap.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 64 * 2**10  # 64 kB, i.e. ECOMAP_MAX_INPUT_MB=0.0625
ACTORS = "id,name,kind\na,Mairie,institution\nb,Association,organisation\n"
HEADER = "source,target,type,notes\n"


def folder_of_size(folder: Path, total: int) -> Path:
    """A valid map folder whose two CSV files hold exactly ``total`` bytes."""
    folder.mkdir()
    (folder / "actors.csv").write_text(ACTORS, encoding="utf-8")
    row = "a,b,cooperates,"
    padding = total - len(ACTORS) - len(HEADER) - len(row) - 1
    (folder / "relations.csv").write_text(HEADER + row + "x" * padding + "\n", encoding="utf-8")
    assert sum(p.stat().st_size for p in folder.iterdir()) == total
    return folder


def small_map(notes: str = "") -> Ecosystem:
    eco = Ecosystem()
    eco.add(Actor(id="a", name="Mairie", kind="institution"))
    eco.add(Actor(id="b", name="Association", kind="organisation"))
    eco.add(Relation(source="a", target="b", type="cooperates", notes=notes or None))
    return eco


def only_issue(excinfo) -> str:
    [issue] = excinfo.value.issues
    assert issue.line is None and issue.column is None
    return str(issue)


def allocated_while(work) -> int:
    """Peak bytes Python allocated while running ``work`` (which must raise InputError)."""
    tracemalloc.start()
    try:
        with pytest.raises(InputError):
            work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# -- the limit itself ------------------------------------------------------------------


def test_default_limit_and_setting(monkeypatch):
    monkeypatch.delenv(MAX_INPUT_ENV, raising=False)
    assert max_input_bytes() == DEFAULT_MAX_INPUT_MB * 2**20 == 40 * 2**20
    monkeypatch.setenv(MAX_INPUT_ENV, "0,0625")  # a French decimal comma
    assert max_input_bytes() == LIMIT
    monkeypatch.setenv(MAX_INPUT_ENV, "0")
    assert max_input_bytes() == math.inf


@pytest.mark.parametrize("value", ["abc", "-1", "inf", "nan"])
def test_a_bad_setting_is_one_clear_issue(tmp_path, monkeypatch, capsys, value):
    monkeypatch.setenv(MAX_INPUT_ENV, value)
    source = folder_of_size(tmp_path / "map", 1000)
    with pytest.raises(InputError) as excinfo:
        read_map(source)
    assert only_issue(excinfo) == (
        f"ECOMAP_MAX_INPUT_MB: expected a number of megabytes (0 for no limit) (value: {value!r})"
    )
    assert main(["validate", str(source)]) == 1
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "ECOMAP_MAX_INPUT_MB" in err and "Traceback" not in err


# -- a folder of CSV files -------------------------------------------------------------


def test_a_folder_at_the_limit_is_read_and_one_byte_more_is_refused(tmp_path):
    eco, _ = read_map(folder_of_size(tmp_path / "at", LIMIT), max_bytes=LIMIT)
    assert len(eco.relations) == 1
    with pytest.raises(InputError) as excinfo:
        read_map(folder_of_size(tmp_path / "over", LIMIT + 1), max_bytes=LIMIT)
    # The size is rounded up and the limit down, so the two never read the same.
    assert only_issue(excinfo) == (
        f"{tmp_path / 'over'}: the map's CSV files hold 65 kB, more than the 64 kB ecomap "
        "reads at once: split the map, or raise ECOMAP_MAX_INPUT_MB if this computer has "
        "the memory (reading takes up to 50 times the size of the files)"
    )


def test_the_limit_comes_from_the_environment_and_speaks_french(tmp_path, monkeypatch):
    monkeypatch.setenv(MAX_INPUT_ENV, "0.0625")
    source = folder_of_size(tmp_path / "over", 2 * LIMIT)
    with pytest.raises(InputError) as excinfo:
        read_map(source, lang="fr")
    message = only_issue(excinfo)
    assert "les fichiers CSV de la carte font 128 ko, plus que les 64 ko" in message
    assert "augmentez ECOMAP_MAX_INPUT_MB" in message


def test_an_oversized_folder_is_refused_without_being_read(tmp_path):
    source = folder_of_size(tmp_path / "big", 4 * 2**20)
    peak = allocated_while(lambda: read_map(source, max_bytes=LIMIT))
    assert peak < 2**20 / 4  # a quarter of a megabyte, for a 4 MB map


def test_import_of_a_map_over_the_limit_writes_nothing(tmp_path, monkeypatch, capsys):
    store = tmp_path / "map.db"
    assert main(["import", str(ROOT / "data/examples/fragility"), "--store", str(store)]) == 0
    with SQLiteStore(store) as before:
        saved, changes = before.load(), len(before.history())
    capsys.readouterr()

    monkeypatch.setenv(MAX_INPUT_ENV, "0.0625")
    source = folder_of_size(tmp_path / "big", LIMIT + 1)
    assert main(["import", str(source), "--store", str(store)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(f"error: {source}: the map's CSV files hold")
    with SQLiteStore(store) as after:
        assert after.load().actors == saved.actors and len(after.history()) == changes


def test_a_new_store_is_not_even_created_for_a_refused_map(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(MAX_INPUT_ENV, "0.0625")
    source = folder_of_size(tmp_path / "big", LIMIT + 1)
    assert main(["import", str(source), "--store", str(tmp_path / "new.db")]) == 1
    assert not any(p.name.startswith("new.db") for p in tmp_path.iterdir())


# -- JSON ------------------------------------------------------------------------------


def json_of_size(total: int) -> bytes:
    """A valid map document of exactly ``total`` bytes (the relation's notes pad it)."""
    bare = map_bytes(small_map("-"), "json")
    data = bare.replace(b'"notes": "-"', b'"notes": "' + b"x" * (total - len(bare) + 1) + b'"')
    assert len(data) == total
    return data


def test_json_may_be_three_times_the_limit(tmp_path):
    at = tmp_path / "at.json"
    at.write_bytes(json_of_size(JSON_FACTOR * LIMIT))
    eco, _ = read_map(at, max_bytes=LIMIT)
    assert len(eco.relations) == 1
    over = tmp_path / "over.json"
    over.write_bytes(json_of_size(JSON_FACTOR * LIMIT + 1))
    with pytest.raises(InputError) as excinfo:
        read_map(over, max_bytes=LIMIT)
    assert only_issue(excinfo).startswith(
        "over.json: the document is 193 kB, more than the 192 kB ecomap reads at once as JSON "
        "(3 × ECOMAP_MAX_INPUT_MB)"
    )


def test_an_uploaded_json_over_the_limit_is_refused_unparsed():
    data = json_of_size(4 * 2**20)
    peak = allocated_while(lambda: read_bytes(data, "carte.json", max_bytes=LIMIT))
    assert peak < 2**20 / 4


# -- workbooks -------------------------------------------------------------------------


@pytest.fixture
def no_workbook_reading(monkeypatch):
    """Reaching openpyxl would mean the workbook was unpacked: make that fail loudly."""

    def unpack(*args, **kwargs):
        # pytest.fail raises a BaseException, which the reader's own handler lets through.
        pytest.fail("the workbook was unpacked")

    monkeypatch.setattr(openpyxl, "load_workbook", unpack)


def with_extra_part(workbook: bytes, name: str, data: bytes) -> bytes:
    """The workbook with one more part (as a picture or any other file would be)."""
    buffer = io.BytesIO(workbook)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def test_a_workbook_file_over_the_limit_is_refused_unread(tmp_path, no_workbook_reading):
    # Random hex compresses to about half: the file is well over the limit.
    eco, noise = small_map(), random.Random(1)
    for i in range(2000):
        eco.add(Relation(id=f"r{i}", source="a", target="b", type="tension",
                         notes=noise.randbytes(32).hex()))  # fmt: skip
    path = tmp_path / "carte.xlsx"
    path.write_bytes(map_bytes(eco, "xlsx"))
    assert path.stat().st_size > LIMIT
    with pytest.raises(InputError) as excinfo:
        read_map(path, max_bytes=LIMIT)
    assert "carte.xlsx: the file is" in only_issue(excinfo)


def test_a_workbook_that_unpacks_to_more_than_six_times_the_limit_is_refused(
    no_workbook_reading,
):
    # 3 MB of zeros squeeze into a few kilobytes: a small file that unpacks big.
    bomb = with_extra_part(map_bytes(small_map(), "xlsx"), "xl/media/image1.png", bytes(3 * 2**20))
    assert len(bomb) < LIMIT
    with pytest.raises(InputError) as excinfo:
        read_bytes(bomb, "carte.xlsx", max_bytes=LIMIT)
    assert only_issue(excinfo).startswith(
        "carte.xlsx: the workbook unpacks to 3.1 MB, more than the 384 kB ecomap reads at once "
        f"as a workbook ({XLSX_UNPACKED_FACTOR} × ECOMAP_MAX_INPUT_MB)"
    )


def test_a_workbook_within_the_limit_is_read():
    workbook = with_extra_part(map_bytes(small_map(), "xlsx"), "xl/media/image1.png", bytes(1000))
    eco, _ = read_bytes(workbook, "carte.xlsx", max_bytes=LIMIT)
    assert set(eco.actors) == {"a", "b"} and len(eco.relations) == 1


def test_an_entity_expansion_bomb_in_a_workbook_is_refused():
    """A sheet whose DTD expands a few hundred bytes to 100 MB ("billion laughs").

    The XML parser stops it (expat refuses amplification beyond its limit), and the
    reader reports an unreadable workbook.
    """
    entities = '<!ENTITY e0 "0123456789">' + "".join(
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 8)
    )
    workbook = io.BytesIO(map_bytes(small_map(), "xlsx"))
    with zipfile.ZipFile(workbook) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>&e7;</t></is></c></row></sheetData></worksheet>'
    )
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(InputError) as excinfo:
        read_bytes(bomb.getvalue(), "carte.xlsx")
    assert only_issue(excinfo) == "carte.xlsx: not a readable Excel workbook (.xlsx)"


# -- zip archives of CSV files ---------------------------------------------------------


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    padding = b"\n" * (8 * 2**20)  # blank lines: a valid CSV file of 8 MB
    bomb = zipped({"actors.csv": ACTORS.encode() + padding, "relations.csv": HEADER.encode()})
    assert len(bomb) < LIMIT
    peak = allocated_while(lambda: read_bytes(bomb, "carte.zip", max_bytes=LIMIT))
    assert peak < 2**20 / 4
    with pytest.raises(InputError) as excinfo:
        read_bytes(bomb, "carte.zip", max_bytes=LIMIT)
    assert only_issue(excinfo).startswith(
        "carte.zip: the archive unpacks to 8.1 MB of CSV files, more than the 64 kB"
    )


def understated(archive: bytes, member: str, content: bytes, declared: int) -> bytes:
    """The archive with ``member`` declaring only its first ``declared`` bytes: size and
    CRC rewritten in its local header and in the central directory, so that zipfile's
    own checks pass (what a hostile archive does)."""
    data = bytearray(archive)
    crc = zlib.crc32(content[:declared])
    # (signature, header length, offset of CRC, offset of uncompressed size, of name length)
    for signature, header, at_crc, at_size, at_name in (
        (b"PK\x03\x04", 30, 14, 22, 26),
        (b"PK\x01\x02", 46, 16, 24, 28),
    ):
        start = 0
        while (start := data.find(signature, start)) != -1:
            length = struct.unpack_from("<H", data, start + at_name)[0]
            if data[start + header : start + header + length] == member.encode():
                struct.pack_into("<I", data, start + at_crc, crc)
                struct.pack_into("<I", data, start + at_size, declared)
            start += 4
    return bytes(data)


def test_an_archive_that_understates_its_size_cannot_unpack_more():
    actors = ACTORS.encode() + b"\n" * (64 * 2**20)  # 64 MB that the headers call 100 bytes
    archive = zipped({"actors.csv": actors, "relations.csv": HEADER.encode()})
    hostile = understated(archive, "actors.csv", actors, 100)
    with zipfile.ZipFile(io.BytesIO(hostile)) as opened:
        assert opened.getinfo("actors.csv").file_size == 100
        assert opened.read("actors.csv") == actors[:100]  # zipfile itself is fooled
    del actors, archive
    peak = allocated_while(lambda: read_bytes(hostile, "carte.zip"))
    assert peak < 4 * 2**20
    with pytest.raises(InputError) as excinfo:
        read_bytes(hostile, "carte.zip")
    [issue] = excinfo.value.issues
    assert (issue.file, issue.message) == (
        "carte.zip:actors.csv",
        "not a readable .zip archive of CSV files",
    )


def test_a_workbook_part_that_understates_its_size_is_refused():
    workbook = map_bytes(small_map(), "xlsx")
    with zipfile.ZipFile(io.BytesIO(workbook)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    # openpyxl reads the styles in one piece: 64 MB of blanks hide behind a declared size
    # that covers only the real stylesheet, which zipfile alone would hand over intact.
    styles = "xl/styles.xml"
    size = len(parts[styles])
    parts[styles] += b" " * (64 * 2**20)
    hostile = understated(zipped(parts), styles, parts[styles], size)
    del parts
    peak = allocated_while(lambda: read_bytes(hostile, "carte.xlsx"))
    assert peak < 4 * 2**20
    with pytest.raises(InputError) as excinfo:
        read_bytes(hostile, "carte.xlsx")
    assert only_issue(excinfo) == "carte.xlsx: not a readable Excel workbook (.xlsx)"


def test_archives_whose_members_cannot_be_checked_say_how_to_zip_again():
    """Members compressed with bzip2 or LZMA, or encrypted, cannot be inflated a step at a
    time: they are refused with what to do (Windows, macOS and most tools use deflate)."""
    files = {"actors.csv": ACTORS.encode(), "relations.csv": HEADER.encode()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    with pytest.raises(InputError) as excinfo:
        read_bytes(buffer.getvalue(), "carte.zip")
    assert [(i.file, i.message) for i in excinfo.value.issues] == [
        (f"carte.zip:{name}", "the file is compressed with a method ecomap does not read: zip "
         "the folder again with the usual method (deflate, what Windows, macOS and most tools "
         "use)") for name in files
    ]  # fmt: skip

    encrypted = bytearray(zipped(files))
    start = encrypted.find(b"PK\x01\x02")  # the first member's entry in the central directory
    encrypted[start + 8] |= 0x1  # "encrypted" flag
    with pytest.raises(InputError) as excinfo:
        read_bytes(bytes(encrypted), "carte.zip")
    assert [(i.file, i.message) for i in excinfo.value.issues] == [
        ("carte.zip:actors.csv", "the file is protected by a password: zip the folder again "
         "without one")
    ]  # fmt: skip


def test_an_uploaded_archive_over_the_limit_is_refused():
    noise = json.dumps([i * 7919 % 10007 for i in range(40_000)]).encode()
    archive = zipped({"actors.csv": ACTORS.encode(), "notes.txt": noise})
    assert len(archive) > LIMIT
    with pytest.raises(InputError) as excinfo:
        read_bytes(archive, "carte.zip", max_bytes=LIMIT)
    assert "carte.zip: the file is" in only_issue(excinfo)


# -- a cell of a workbook ----------------------------------------------------------------


def test_a_text_longer_than_an_excel_cell_is_refused_for_a_workbook_only(tmp_path):
    """openpyxl would cut it to 32,767 characters without a word: the export refuses.

    Excel counts UTF-16 units, so an emoji (outside the basic plane) counts twice.
    """
    at_limit = small_map("😀" * (EXCEL_CELL_LIMIT // 2) + "x")  # 32,767 units exactly
    write_map(at_limit, tmp_path / "at.xlsx")
    eco, _ = read_map(tmp_path / "at.xlsx")
    assert eco.relations == at_limit.relations

    over = small_map("😀" * (EXCEL_CELL_LIMIT // 2) + "xy")
    with pytest.raises(InputError) as excinfo:
        write_map(over, tmp_path / "over.xlsx")
    assert only_issue(excinfo) == (
        'relations: notes of ["cooperates", "a", "b"] is 32,768 characters long, more than the '
        "32,767 an Excel cell holds: shorten it, or export the map as CSV files or JSON"
    )
    assert not (tmp_path / "over.xlsx").exists()
    for target in ("over.json", "over"):  # the other formats keep the text whole
        write_map(over, tmp_path / target)
        assert read_map(tmp_path / target)[0].relations == over.relations


# -- many problems -------------------------------------------------------------------------


def test_a_mistake_on_every_line_is_counted_whole_and_listed_in_part(tmp_path, capsys):
    """A large file with the same mistake on each line: the terminal lists the first 200
    (printing 100,000 rows took minutes) and the last line counts them all."""
    folder = tmp_path / "carte"
    folder.mkdir()
    rows = "".join(f"a{i},Acteur {i},persn\n" for i in range(300))
    (folder / "actors.csv").write_text("id,name,kind\n" + rows, encoding="utf-8")
    (folder / "relations.csv").write_text(HEADER, encoding="utf-8")
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    listed = [line for line in err.splitlines() if "actors.csv" in line]
    assert len(listed) == 200 and "│ 201 " in listed[-1]  # lines 2 to 201 of the file
    assert "… and 100 more not shown" in err
    assert err.endswith("error: 300 errors in the input; nothing was written\n")
