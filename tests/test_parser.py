"""The parser entry point and the developer tools built on it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mojolint.parser import LANGUAGE, compile_query, has_syntax_errors, parse

REPO = Path(__file__).resolve().parent.parent


def test_language_is_abi_15_and_named_mojo() -> None:
    assert LANGUAGE.abi_version == 15
    assert LANGUAGE.name == "mojo"


def test_parse_turns_bytes_into_a_tree_without_errors() -> None:
    tree = parse(b"fn main():\n    var x: Int = 4\n    print(x^)\n")
    assert not has_syntax_errors(tree)
    function = tree.root_node.children[0]
    assert function.type == "function_definition"
    assert function.child_by_field_name("name") is not None


def test_parse_reports_broken_code() -> None:
    assert has_syntax_errors(parse(b"fn main(:\n    pass\n"))


def test_compile_query_returns_the_same_compiled_query() -> None:
    pattern = "(transfer_expression value: (identifier) @moved)"
    assert compile_query(pattern) is compile_query(pattern)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_parse_corpus_names_the_first_bad_node_of_each_bad_file(tmp_path: Path) -> None:
    write(tmp_path / "good.mojo", "fn ok():\n    pass\n")
    write(tmp_path / "pkg" / "bad.mojo", "fn ok():\n    pass\n\nfn broken(:\n    pass\n")
    write(tmp_path / "notes.txt", "fn broken(:\n")
    # Run outside the checkout so the installed package (with its compiled parser) loads.
    result = subprocess.run(
        [sys.executable, "-m", "mojolint.dev.parse_corpus", str(tmp_path)],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    )
    lines = result.stdout.splitlines()
    assert lines[0] == f"{tmp_path / 'pkg' / 'bad.mojo'}:4: ERROR: fn broken(:"
    assert "files: 2  lines: 7" in result.stdout
    assert "files with ERROR or MISSING nodes: 1 (50.00%); clean: 50.00%" in result.stdout


def test_parse_corpus_rejects_a_missing_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mojolint.dev.parse_corpus", str(tmp_path / "nope")],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stderr.strip().endswith("nope: No such file or directory")
    assert "Traceback" not in result.stderr


def test_parse_speed_benchmark_reports_throughput(tmp_path: Path) -> None:
    write(tmp_path / "a.mojo", "fn f(x: Int) -> Int:\n    return x\n" * 50)
    out = tmp_path / "speed.md"
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "parse_speed.py"), str(tmp_path),
         "--repeat", "1", "--markdown", str(out)],
        capture_output=True, text=True, check=True,
    )
    assert "files: 1  lines: 100" in result.stdout
    assert "lines/s" in result.stdout
    assert out.read_text(encoding="utf-8").count("\n") == 1


def test_generated_parser_matches_the_committed_grammar_name() -> None:
    # grammar.json is generated with parser.c: both must come from the same generate run.
    grammar_json = (REPO / "grammar" / "src" / "grammar.json").read_text(encoding="utf-8")
    parser_c = (REPO / "grammar" / "src" / "parser.c").read_text(encoding="utf-8")
    assert '"name": "mojo"' in grammar_json
    assert "#define LANGUAGE_VERSION 15" in parser_c
