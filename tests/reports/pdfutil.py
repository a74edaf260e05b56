"""Read generated PDFs the way a person (or an archive) would, with a Python library only:
the test suite must not need system programs that the README does not install."""

import io

from pypdf import PdfReader


def _reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in _reader(content).pages)


def pdf_metadata(content: bytes) -> str:
    """The XMP metadata stream, which declares the PDF/A conformance."""
    stream = _reader(content).trailer["/Root"].get("/Metadata")
    return stream.get_object().get_data().decode("utf-8") if stream is not None else ""


def pdf_info(content: bytes) -> dict[str, str]:
    """The document information dictionary, plus whether the document is tagged."""
    reader = _reader(content)
    info = {key.lstrip("/"): str(value) for key, value in (reader.metadata or {}).items()}
    mark_info = reader.trailer["/Root"].get("/MarkInfo")
    info["Tagged"] = "yes" if mark_info and mark_info.get_object().get("/Marked") else "no"
    return info
