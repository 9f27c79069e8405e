"""A file, a folder or a zip of 任免表: what is read, what is refused, and why."""

import datetime as dt
import zipfile

import pytest

from cadre_cli.errors import InputError
from cadre_cli.lrmx import check_records, read_path, sources
from cadre_cli.lrmx.xmlfile import LrmxFileError
from tests.lrmx_builders import good_values, jpeg, lrm_bytes, lrmx_bytes, write_zip

AS_OF = dt.date(2026, 12, 1)


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "任免表"
    (root / "财政局").mkdir(parents=True)
    (root / "财政局" / "张三.lrmx").write_bytes(lrmx_bytes())
    (root / "文联").mkdir()
    (root / "文联" / "李四.lrm").write_bytes(lrm_bytes())
    (root / "文联" / "李四.pic").write_bytes(jpeg())
    (root / "王五.lrmx").write_bytes(lrmx_bytes(good_values(XingMing="王五", ShenFenZheng="")))
    (root / "坏.lrmx").write_bytes(b"<Person><XingMing>")
    (root / "说明.docx").write_bytes(b"PK\x03\x04")
    (root / "~$张三.lrmx").write_bytes(b"lock")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.lrmx").write_bytes(lrmx_bytes())
    return root


def test_folder(folder):
    batch = read_path(folder)
    assert [(r.file, r.card.group) for r in batch.records] == [
        ("王五.lrmx", ""), ("文联/李四.lrm", "文联"), ("财政局/张三.lrmx", "财政局")]
    assert [(f.rule, f.where.file) for f in batch.failures] == [("lrmx-unreadable", "坏.lrmx")]
    assert "不是完整的 XML" in batch.failures[0].message
    assert batch.ignored == ["说明.docx"]
    lrm = batch.records[1]
    assert lrm.get("photo") is not None and lrm.get("photo").problem is None


def test_single_files(folder):
    assert read_path(folder / "财政局" / "张三.lrmx").records[0].name == "张三"
    assert read_path(folder / "文联" / "李四.lrm").records[0].get("photo").problem is None
    with pytest.raises(LrmxFileError, match="坏.lrmx"):
        read_path(folder / "坏.lrmx")
    with pytest.raises(InputError, match="不是任免审批表文件"):
        read_path(folder / "说明.docx")
    with pytest.raises(InputError, match="找不到"):
        read_path(folder / "无.lrmx")
    (folder / "空").mkdir()
    with pytest.raises(InputError, match="没有任免审批表文件"):
        read_path(folder / "空")


def test_zip_with_gbk_names(tmp_path):
    z = write_zip(tmp_path / "任免表.zip", {
        "任免表/财政局/张三.lrmx": lrmx_bytes(), "任免表/文联/李四.lrm": lrm_bytes(), "任免表/文联/李四.pic": jpeg(),
        "任免表/说明.txt": b"x", "__MACOSX/._x.lrmx": b"junk"})
    batch = read_path(z)
    assert [(r.file, r.card.group) for r in batch.records] == [
        ("任免表.zip/任免表/文联/李四.lrm", "任免表/文联"), ("任免表.zip/任免表/财政局/张三.lrmx", "任免表/财政局")]
    assert batch.records[0].get("photo").problem is None
    assert batch.ignored == ["任免表.zip/任免表/说明.txt"] and batch.failures == []
    utf8 = write_zip(tmp_path / "u.zip", {"张三.lrmx": lrmx_bytes()}, utf8_names=True)
    assert read_path(utf8).records[0].file == "u.zip/张三.lrmx"


def test_zip_safety(tmp_path):
    z = tmp_path / "a.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("../逃逸.lrmx", lrmx_bytes())
        zf.writestr("/abs.lrmx", lrmx_bytes())
        zf.writestr("炸弹.lrmx", b"<Person>" + b" " * (4 * 1024 * 1024) + b"</Person>")
        zf.writestr("好.lrmx", lrmx_bytes())
        info = zipfile.ZipInfo("密码.lrmx")
        info.flag_bits |= 0x1
        zf.writestr(info, b"encrypted-looking")
    batch = read_path(z)
    assert [r.file for r in batch.records] == ["a.zip/好.lrmx"]
    reasons = {f.where.file: (f.rule, f.message) for f in batch.failures}
    assert reasons["a.zip/../逃逸.lrmx"][0] == "lrmx-skipped" and "不安全" in reasons["a.zip/../逃逸.lrmx"][1]
    assert reasons["a.zip//abs.lrmx"][0] == "lrmx-skipped"
    assert "压缩炸弹" in reasons["a.zip/炸弹.lrmx"][1]
    assert "密码" in reasons["a.zip/密码.lrmx"][1]


def test_zip_limits(tmp_path, monkeypatch):
    z = write_zip(tmp_path / "a.zip", {f"{i}.lrmx": lrmx_bytes() for i in range(4)})
    monkeypatch.setattr(sources, "MAX_MEMBERS", 3)
    with pytest.raises(InputError, match="超过3个的上限"):
        read_path(z)
    monkeypatch.setattr(sources, "MAX_MEMBERS", 100)
    monkeypatch.setattr(sources, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(InputError, match="压缩炸弹"):
        read_path(z)
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InputError, match="不是完整的 .zip"):
        read_path(tmp_path / "bad.zip")
    empty = write_zip(tmp_path / "e.zip", {"a.txt": b"x"})
    with pytest.raises(InputError, match="没有任免审批表文件"):
        read_path(empty)


def test_a_member_above_its_limit_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_LRMX_BYTES", 2000)
    z = write_zip(tmp_path / "a.zip", {"大.lrmx": lrmx_bytes()})
    (failure,) = read_path(z).failures
    assert "合理大小" in failure.message


def test_folder_and_zip_findings_agree(folder, tmp_path):
    z = write_zip(tmp_path / "同.zip", {p.relative_to(folder).as_posix(): p.read_bytes()
                                        for p in folder.rglob("*") if p.is_file() and not p.name.startswith(("~", "."))
                                        and ".hidden" not in p.parts})
    def summary(batch):
        return sorted((f.where.file.split("/")[-1], f.rule, (f.where.element or "")) for f in check_records(batch.records, AS_OF))
    assert summary(read_path(folder)) == summary(read_path(z))
    assert summary(read_path(folder))  # 王五 has no ID number, 李四 is a legacy .lrm
