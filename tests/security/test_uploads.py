"""Every upload goes through isoplan.uploads: the content must match the name, the size is
limited, and the stored name cannot climb out of its folder or carry shell characters."""

import io
import zipfile

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from isoplan.uploads import DOCX, EVIDENCE_KINDS, PDF, XLSX, check_upload, safe_name

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def _zip(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "<xml/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kinds", "message"),
    [
        ("setup.exe", EXECUTABLE, EVIDENCE_KINDS, "chỉ nhận tệp"),
        ("bao-cao.pdf", EXECUTABLE, EVIDENCE_KINDS, "không thực sự là tệp PDF"),
        ("ke-hoach.docx", EXECUTABLE, (DOCX, XLSX), "không thực sự là tệp Word"),
        # a zip archive is not a Word document just because Word files are zip archives
        ("ke-hoach.docx", _zip("payload/run.sh"), (DOCX, XLSX), "không thực sự là tệp Word"),
        ("bang.xlsx", _zip("word/document.xml"), (DOCX, XLSX), "không thực sự là tệp Excel"),
        ("lon.pdf", b"%PDF-1.7" + b"0" * (10 * 1024 * 1024), (PDF,), "lớn hơn 10 MB"),
    ],
)
def test_an_upload_whose_content_or_size_is_wrong_is_refused(name, content, kinds, message):
    with pytest.raises(forms.ValidationError) as refused:
        check_upload(SimpleUploadedFile(name, content), kinds=kinds)
    assert message in " ".join(refused.value.messages)


def test_a_real_word_file_is_accepted_and_its_name_made_safe():
    upload = SimpleUploadedFile("../../Quy trình QT-01;rm -rf.DOCX", _zip("word/document.xml"))
    assert check_upload(upload, kinds=(DOCX,)) == DOCX
    assert upload.name == "Quy trình QT-01_rm -rf.docx"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\thuky\\Biên bản họp.pdf", "Biên bản họp.pdf"),
        ("a\x00b\x1f.pdf", "ab.pdf"),
        ("$(reboot)`id`.png", "_(reboot)_id_.png"),
        ("...", "tep"),
        ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),
    ],
)
def test_stored_names_stay_in_their_folder_and_are_harmless(typed, stored):
    assert safe_name(typed) == stored
