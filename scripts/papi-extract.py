#!/usr/bin/env python3
"""Writes tests/papi-spec/operations.tsv, the extract of the Provisioning API spec that the
coverage test (core/tests/papi_coverage.rs) holds core and the emulator to.

    python3 scripts/papi-extract.py [--out FILE] SPEC.yaml [SPLIT.yml ...]

Each SPEC is Sinch's Provisioning API OpenAPI file, or one of its per-tag splits (the whole file
is 2.5 M characters, mostly examples; the splits let a tag be refreshed on its own). Needs PyYAML.

For every operation under /v1/projects/{projectId} it records the method, the path after that
prefix, the operationId, the deprecated flag and each query parameter as
name:type:style:explode, with OpenAPI 3's defaults for a query parameter (style form, explode
true) written out, because those defaults decide how an array is sent (`a=1&a=2`, not `a[]=`).
Parameters given as `$ref: '#/components/parameters/...'` are resolved. Paths outside that
prefix are skipped: the per-tag splits of the api-evangelist mirror end with paths of their own
(`/v1/projects/{project_id}/...`, operationIds such as `deleteRcsSender`) that are not Sinch's.

Rows already in the extract whose method and path none of the given files holds are kept as
they are (rows taken from Sinch's reference pages or the project notes, marked docs/notes), so
feeding one split refreshes one tag. Rows come out sorted by path, then method.
"""

import sys
from pathlib import Path

PREFIX = "/v1/projects/{projectId}"
METHODS = ("get", "post", "put", "patch", "delete")
OUT = Path(__file__).resolve().parent.parent / "tests" / "papi-spec" / "operations.tsv"
COLUMNS = ("method", "path", "operationId", "deprecated", "query", "source")


def param_type(schema):
    if not isinstance(schema, dict):
        return "?"
    if "type" in schema:
        return str(schema["type"])
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    return "?"


def resolve(doc, p):
    """A parameter, its `$ref` (`#/components/parameters/Name`) followed."""
    ref = p.get("$ref") if isinstance(p, dict) else None
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return p
    node = doc
    for part in ref[2:].split("/"):
        node = node.get(part) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else p


def query_params(doc, op, shared):
    out = []
    for p in list(shared) + list(op.get("parameters") or []):
        p = resolve(doc, p)
        if not isinstance(p, dict) or p.get("in") != "query":
            continue
        style = p.get("style", "form")
        explode = p.get("explode", style == "form")
        out.append(
            f"{p['name']}:{param_type(p.get('schema'))}:{style}:{str(explode).lower()}"
        )
    return ",".join(out) if out else "-"


def spec_rows(path):
    import yaml  # only this step needs it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as f:
        doc = yaml.load(f, Loader=loader)
    rows = {}
    for full, item in (doc.get("paths") or {}).items():
        if not full.startswith(PREFIX) or not isinstance(item, dict):
            continue
        rel = full[len(PREFIX) :] or "/"
        shared = item.get("parameters") or []
        for method in METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            rows[(method.upper(), rel)] = (
                method.upper(),
                rel,
                op.get("operationId", "-"),
                "yes" if op.get("deprecated") else "no",
                query_params(doc, op, shared),
                "spec",
            )
    return rows


def read_extract(out):
    header, rows = [], {}
    if out.exists():
        for line in out.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                if not rows:
                    header.append(line)
                continue
            cells = tuple(line.split("\t"))
            if len(cells) != len(COLUMNS):
                sys.exit(f"{out}: a row without {len(COLUMNS)} columns: {line!r}")
            rows[(cells[0], cells[1])] = cells
    return header, rows


def main(argv):
    out = OUT
    if argv[:1] == ["--out"] and len(argv) > 1:
        out, argv = Path(argv[1]), argv[2:]
    if not argv:
        sys.exit(__doc__)
    header, rows = read_extract(out)
    fresh = {}
    for spec in argv:
        fresh.update(spec_rows(spec))
    rows.update(fresh)
    lines = header + [
        "\t".join(r)
        for _, r in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0]))
    ]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} operations ({len(fresh)} from the given spec files) -> {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
