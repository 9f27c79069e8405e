"""Editing XML as text: the parts we change keep every byte we do not touch
(namespace prefixes, mc:Ignorable lists, extension blocks), which a parse and
re-serialise would not.

Only UTF-8 parts without a DOCTYPE are edited (no entity is ever expanded); a part in
another encoding, or one that declares entities, is refused. Reading (not editing) goes
through defusedxml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cadre_cli.writers.package.errors import PackageError

MAX_PART_BYTES = 256 * 1024 * 1024  # a part read whole into memory (styles, comments, rels…)

# One markup token: comment, CDATA, processing instruction, or a tag whose quoted
# attribute values may hold `>`.
TOKEN = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<[^<>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^<>\"']*)*>", re.S)
_ATTR = re.compile(rb"([^\s=/<>]+)\s*=\s*(\"[^\"]*\"|'[^']*')")
_NAME = re.compile(rb"</?([^\s/>]+)")
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def check_safe(data: bytes, part: str) -> None:
    """Refuse what a byte-level editor must not touch: a DOCTYPE (entities), an
    encoding other than UTF-8."""
    head = data[:1024]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:64]:
        raise PackageError(f"{part}: not UTF-8")
    m = re.match(rb"(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']+)", head)
    if m and m.group(1).lower() not in (b"utf-8", b"utf8"):
        raise PackageError(f"{part}: encoding {m.group(1).decode('ascii', 'replace')}")
    if b"<!DOCTYPE" in data[:65536] or b"<!ENTITY" in data[:65536]:
        raise PackageError(f"{part}: has a DOCTYPE")


def local(name: bytes) -> bytes:
    return name.rsplit(b":", 1)[-1]


def tag_name(tag: bytes) -> bytes:
    m = _NAME.match(tag)
    return m.group(1) if m else b""


def attrs(tag: bytes) -> dict[bytes, bytes]:
    """Attributes of a start tag, values unescaped only for quotes (enough for ids,
    numbers and cell references)."""
    return {k: v[1:-1] for k, v in _ATTR.findall(tag)}


def get_attr(tag: bytes, name: bytes) -> bytes | None:
    for k, v in _ATTR.findall(tag):
        if k == name:
            return v[1:-1]
    return None


def set_attrs(tag: bytes, changes: dict[bytes, bytes | None]) -> bytes:
    """The start tag with attributes replaced in place, added at the end, or removed
    (value None). Values must already be escaped."""
    todo = dict(changes)

    def repl(m: re.Match) -> bytes:
        key = m.group(1)
        if key in todo:
            value = todo.pop(key)
            return b"" if value is None else key + b'="' + value + b'"'
        return m.group(0)

    out = _ATTR.sub(repl, tag)
    out = re.sub(rb"\s+(?=\s|/?>$)", b"", out) if any(v is None for v in changes.values()) else out
    added = b"".join(b" " + k + b'="' + v + b'"' for k, v in todo.items() if v is not None)
    if not added:
        return out
    end = -2 if out.endswith(b"/>") else -1
    return out[:end].rstrip() + added + out[end:]


def text(value: str) -> bytes:
    """Character data, escaped, without characters XML 1.0 forbids."""
    value = _ILLEGAL.sub("", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")


def attr(value: str) -> bytes:
    return text(value).replace(b'"', b"&quot;").replace(b"\n", b"&#10;").replace(b"\r", b"&#13;").replace(b"\t", b"&#9;")


def root_prefix(data: bytes, local_name: bytes) -> bytes:
    """`b"x:"` when the root element is `<x:worksheet …>`, else `b""`."""
    m = re.search(rb"<(?!\?|!)([A-Za-z_][\w.\-]*:)?" + local_name + rb"[\s>/]", data[:65536])
    if not m:
        raise PackageError(f"no <{local_name.decode()}> root")
    return m.group(1) or b""


def ns_prefix(start_tag: bytes, uri: bytes) -> bytes | None:
    """The prefix bound to `uri` on a start tag (`b"r"`), or None."""
    for k, v in _ATTR.findall(start_tag):
        if v[1:-1] == uri and k.startswith(b"xmlns:"):
            return k[6:]
    return None


@dataclass
class Child:
    name: bytes  # local name; b"" for text, comments and PIs between elements
    data: bytes


def children(fragment: bytes) -> list[Child]:
    """Split the content of an element into its top-level children."""
    out: list[Child] = []
    pos = depth = 0
    start = 0
    name = b""
    for m in TOKEN.finditer(fragment):
        tok = m.group(0)
        if tok.startswith((b"<!", b"<?")):
            continue
        if depth == 0 and m.start() > pos:
            out.append(Child(b"", fragment[pos:m.start()]))
            pos = m.start()
        if tok.startswith(b"</"):
            depth -= 1
            if depth < 0:
                raise PackageError("unbalanced XML")
            if depth == 0:
                out.append(Child(name, fragment[start:m.end()]))
                pos = m.end()
        elif tok.endswith(b"/>"):
            if depth == 0:
                out.append(Child(local(tag_name(tok)), tok))
                pos = m.end()
        else:
            if depth == 0:
                start, name = m.start(), local(tag_name(tok))
            depth += 1
    if depth:
        raise PackageError("unbalanced XML")
    if pos < len(fragment):
        out.append(Child(b"", fragment[pos:]))
    return out


def split_root(data: bytes, local_name: bytes) -> tuple[bytes, bytes, bytes]:
    """(everything up to and including the root start tag, the root's content, the
    root end tag and after)."""
    for m in TOKEN.finditer(data):
        tok = m.group(0)
        if tok.startswith((b"<!", b"<?")):
            continue
        if local(tag_name(tok)) != local_name:
            raise PackageError(f"root is not <{local_name.decode()}>")
        if tok.endswith(b"/>"):
            open_tag = tok[:-2].rstrip() + b">"
            prefix = tag_name(tok)[: -len(local_name)]
            return data[: m.start()] + open_tag, b"", b"</" + prefix + local_name + b">" + data[m.end():]
        end = data.rfind(b"</")
        if end < m.end():
            raise PackageError("no root end tag")
        return data[: m.end()], data[m.end(): end], data[end:]
    raise PackageError("empty XML")


def start_tag(element: bytes) -> bytes:
    m = TOKEN.match(element)
    if not m:
        raise PackageError("not an element")
    return m.group(0)


def inner(element: bytes) -> bytes:
    """The content of an element given as its bytes (b"" when self-closing)."""
    tag = start_tag(element)
    if tag.endswith(b"/>"):
        return b""
    return element[len(tag): element.rfind(b"</")]


def with_children(element: bytes, content: bytes, changes: dict[bytes, bytes | None] | None = None) -> bytes:
    """The element with new content (and attribute changes); a self-closing element is opened."""
    tag = start_tag(element)
    name = tag_name(tag)
    if changes:
        tag = set_attrs(tag, changes)
    if tag.endswith(b"/>"):
        tag = tag[:-2].rstrip() + b">"
    return tag + content + b"</" + name + b">"


def elements(fragment: bytes, name: bytes) -> Iterator[bytes]:
    for child in children(fragment):
        if child.name == name:
            yield child.data
