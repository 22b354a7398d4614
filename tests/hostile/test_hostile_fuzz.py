"""Mutated records never crash the loader: every outcome is records and findings with positions.

A short run here (hypothesis); the cases are mutations of the Japan–UK memorandum (slices cut,
doubled, replaced by YAML's special characters or by random bytes) and random YAML-ish text.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mocctl.io.depth import nesting_scan
from mocctl.io.loader import load
from mocctl.io.yamlio import parse

ROOT = Path(__file__).resolve().parents[2]
MEMORANDUM = (ROOT / "records" / "jp-uk-quantum-2025" / "memorandum.yaml").read_bytes()
SPECIAL = [b"[", b"]", b"{", b"}", b",", b": ", b"- ", b"? ", b"#", b'"', b"'", b"|", b">",
           b"&a ", b"*a", b"!!python/object ", b"---\n", b"\t", b"\n", b"\x00", b"\xff",
           b"\xef\xbb\xbf", b"\r", b"\xe2\x80\xa8", b" " * 70, b"[" * 70]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = MEMORANDUM
    for _ in range(draw(st.integers(1, 6))):
        start = draw(st.integers(0, len(data)))
        end = min(len(data), start + draw(st.integers(0, 200)))
        action = draw(st.sampled_from(["cut", "double", "special", "bytes", "truncate"]))
        if action == "cut":
            data = data[:start] + data[end:]
        elif action == "double":
            data = data[:end] + data[start:end] + data[end:]
        elif action == "special":
            data = data[:start] + b"".join(draw(st.lists(st.sampled_from(SPECIAL)))) + data[end:]
        elif action == "bytes":
            data = data[:start] + draw(st.binary(max_size=20)) + data[end:]
        else:
            data = data[:start]
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=mutated())
def test_a_mutated_memorandum_loads_into_findings(
    data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("fuzz") / "records" / "m"
    folder.mkdir(parents=True)
    (folder / "memorandum.yaml").write_bytes(data)
    loaded = load([folder.parent])
    assert loaded.findings or loaded.memoranda[0].memorandum is not None
    for finding in loaded.findings:
        assert finding.line >= 1 and finding.column >= 1 and finding.message
    shutil.rmtree(folder.parent)


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from([*"[]{},:-?#\"'|>&*! \n\tab01\\.%", "\u2028"]), max_size=80))
def test_random_yaml_text_is_documents_or_findings(text: str) -> None:
    _, found = parse(text, "f.yaml")
    _, where = nesting_scan(text, 64)
    assert where is None or found
    for finding in found:
        assert finding.file == "f.yaml" and finding.line >= 1 and finding.column >= 1
