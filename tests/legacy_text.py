"""Test helper: write Vietnamese text in Windows-1258 the way legacy tools did."""

import unicodedata


def encode_cp1258(text: str) -> bytes:
    """Encode `text` as cp1258: precomposed base vowels (â, ơ, ư...) plus a combining tone mark."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            ch.encode("cp1258")
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        for i, tone in enumerate(marks):
            rest = marks[:i] + marks[i + 1 :]
            candidate = unicodedata.normalize("NFC", base + rest) + tone
            try:
                candidate.encode("cp1258")
            except UnicodeEncodeError:
                continue
            out.append(candidate)
            break
        else:
            raise UnicodeEncodeError("cp1258", ch, 0, 1, "no cp1258 spelling")
    return "".join(out).encode("cp1258")
