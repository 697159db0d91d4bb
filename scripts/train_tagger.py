"""Train the Norwegian place-name tagger (CRF) and write the demonym table.

One command, run from the project root (not at install time)::

    .venv/bin/python scripts/train_tagger.py

Reads NorNE from ``../shared/corpora/norne/`` (override with ``--corpora``):
``no_bokmaal-train.tsv`` and ``no_nynorsk-train.tsv`` (one ``token<TAB>BIO-tag`` a line, blank line
between sentences), trains one linear-chain CRF (python-crfsuite, L-BFGS, fixed parameters, so the
same data gives the same model) on both, and writes ``src/mapping/models/norne.crfsuite``. It also
writes ``src/mapping/models/demonyms.tsv`` from the hand list below. With ``--eval`` it then scores
the model on the NorNE dev files through the runtime path (:func:`mapping.tagger.tag`).

The features are :func:`mapping.tagger.sentence_features`, the same function the runtime uses, and
they include gazetteer matches, so retrain after the gazetteer (geodata/) changes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

MODELS = ROOT / "src" / "mapping" / "models"
DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"

# Fixed training parameters (chosen on NorNE Bokmål/Nynorsk dev, place F1).
PARAMS = {
    "c1": 0.05,
    "c2": 0.02,
    "max_iterations": 200,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}

# --------------------------------------------------------------------------------------------
# Demonyms and place adjectives. Hand list (project's own; spellings per Språkrådet's list of
# country names and adjectives, "Liste over land- og nasjonalitetsnavn", and common English usage).
# Norwegian: stem -> target; forms written: stem, stem+"e" (bokmål and nynorsk plural/definite).
# Target: ISO 3166-1 alpha-2, or a region name the gazetteer knows.
# --------------------------------------------------------------------------------------------
NO_ADJECTIVES = {
    "afghansk": "AF",
    "afrikansk": "Afrika",
    "albansk": "AL",
    "algerisk": "DZ",
    "amerikansk": "US",
    "argentinsk": "AR",
    "armensk": "AM",
    "aserbajdsjansk": "AZ",
    "asiatisk": "Asia",
    "australsk": "AU",
    "bangladeshisk": "BD",
    "baltisk": "Baltikum",
    "belgisk": "BE",
    "bosnisk": "BA",
    "brasiliansk": "BR",
    "britisk": "GB",
    "bulgarsk": "BG",
    "burmesisk": "MM",
    "canadisk": "CA",
    "kanadisk": "CA",
    "chilensk": "CL",
    "colombiansk": "CO",
    "cubansk": "CU",
    "dansk": "DK",
    "egyptisk": "EG",
    "emiratisk": "AE",
    "engelsk": "GB",
    "estisk": "EE",
    "etiopisk": "ET",
    "europeisk": "Europa",
    "filippinsk": "PH",
    "finsk": "FI",
    "fransk": "FR",
    "georgisk": "GE",
    "gresk": "GR",
    "indisk": "IN",
    "indonesisk": "ID",
    "irakisk": "IQ",
    "iransk": "IR",
    "irsk": "IE",
    "islandsk": "IS",
    "israelsk": "IL",
    "italiensk": "IT",
    "japansk": "JP",
    "jemenittisk": "YE",
    "jordansk": "JO",
    "kambodsjansk": "KH",
    "kasakhisk": "KZ",
    "kasakhstansk": "KZ",
    "kenyansk": "KE",
    "kinesisk": "CN",
    "kirgisisk": "KG",
    "kongolesisk": "CD",
    "koreansk": "KR",
    "nordkoreansk": "KP",
    "sørkoreansk": "KR",
    "kroatisk": "HR",
    "kurdisk": "Kurdistan",
    "kuwaitisk": "KW",
    "latvisk": "LV",
    "libanesisk": "LB",
    "libysk": "LY",
    "litauisk": "LT",
    "marokkansk": "MA",
    "meksikansk": "MX",
    "moldovsk": "MD",
    "mongolsk": "MN",
    "nederlandsk": "NL",
    "nepalsk": "NP",
    "nigeriansk": "NG",
    "norsk": "NO",
    "omansk": "OM",
    "pakistansk": "PK",
    "palestinsk": "PS",
    "polsk": "PL",
    "portugisisk": "PT",
    "qatarsk": "QA",
    "rumensk": "RO",
    "russisk": "RU",
    "hviterussisk": "BY",
    "saudiarabisk": "SA",
    "saudisk": "SA",
    "serbisk": "RS",
    "sentralasiatisk": "Sentral-Asia",
    "skandinavisk": "Skandinavia",
    "skotsk": "GB",
    "slovakisk": "SK",
    "slovensk": "SI",
    "somalisk": "SO",
    "sovjetisk": "RU",
    "spansk": "ES",
    "sudanesisk": "SD",
    "sveitsisk": "CH",
    "svensk": "SE",
    "syrisk": "SY",
    "sørafrikansk": "ZA",
    "tadsjikisk": "TJ",
    "taiwansk": "TW",
    "thailandsk": "TH",
    "tibetansk": "Tibet",
    "tsjekkisk": "CZ",
    "tsjetsjensk": "RU",
    "tunisisk": "TN",
    "turkmensk": "TM",
    "tyrkisk": "TR",
    "tysk": "DE",
    "ukrainsk": "UA",
    "ungarsk": "HU",
    "usbekisk": "UZ",
    "venezuelansk": "VE",
    "vietnamesisk": "VN",
    "walisisk": "GB",
    "østerriksk": "AT",
    "nordamerikansk": "Nord-Amerika",
    "søramerikansk": "Sør-Amerika",
    "latinamerikansk": "Latin-Amerika",
    "vesteuropeisk": "Europa",
    "østeuropeisk": "Europa",
    "arktisk": "Arktis",
    "kaukasisk": "Kaukasus",
    "nordafrikansk": "Afrika",
    "vestafrikansk": "Vest-Afrika",
    "nordisk": "Norden",
    "sibirsk": "Sibir",
}
EN_DEMONYMS = {
    "North Korean": "KP",
    "South Korean": "KR",
    "South Sudanese": "SS",
    "South African": "ZA",
    "North Macedonian": "MK",
    "Afghan": "AF",
    "African": "Africa",
    "Albanian": "AL",
    "Algerian": "DZ",
    "American": "US",
    "Argentine": "AR",
    "Argentinian": "AR",
    "Armenian": "AM",
    "Asian": "Asia",
    "Australian": "AU",
    "Austrian": "AT",
    "Azerbaijani": "AZ",
    "Bangladeshi": "BD",
    "Belarusian": "BY",
    "Belgian": "BE",
    "Bolivian": "BO",
    "Bosnian": "BA",
    "Brazilian": "BR",
    "British": "GB",
    "Bulgarian": "BG",
    "Burmese": "MM",
    "Cambodian": "KH",
    "Canadian": "CA",
    "Caribbean": "Caribbean",
    "Chechen": "RU",
    "Chilean": "CL",
    "Chinese": "CN",
    "Colombian": "CO",
    "Congolese": "CD",
    "Croatian": "HR",
    "Cuban": "CU",
    "Czech": "CZ",
    "Danish": "DK",
    "Dutch": "NL",
    "Ecuadorian": "EC",
    "Egyptian": "EG",
    "Emirati": "AE",
    "English": "GB",
    "Estonian": "EE",
    "Ethiopian": "ET",
    "European": "Europe",
    "Filipino": "PH",
    "Finnish": "FI",
    "French": "FR",
    "German": "DE",
    "Ghanaian": "GH",
    "Greek": "GR",
    "Haitian": "HT",
    "Hungarian": "HU",
    "Icelandic": "IS",
    "Indian": "IN",
    "Indonesian": "ID",
    "Iranian": "IR",
    "Iraqi": "IQ",
    "Irish": "IE",
    "Israeli": "IL",
    "Italian": "IT",
    "Japanese": "JP",
    "Jordanian": "JO",
    "Kazakh": "KZ",
    "Kazakhstani": "KZ",
    "Kenyan": "KE",
    "Korean": "KR",
    "Kurdish": "Kurdistan",
    "Kuwaiti": "KW",
    "Kyrgyz": "KG",
    "Latvian": "LV",
    "Lebanese": "LB",
    "Libyan": "LY",
    "Lithuanian": "LT",
    "Malaysian": "MY",
    "Mexican": "MX",
    "Mongolian": "MN",
    "Moroccan": "MA",
    "Nepalese": "NP",
    "Nigerian": "NG",
    "Norwegian": "NO",
    "Omani": "OM",
    "Pakistani": "PK",
    "Palestinian": "PS",
    "Peruvian": "PE",
    "Philippine": "PH",
    "Polish": "PL",
    "Portuguese": "PT",
    "Qatari": "QA",
    "Romanian": "RO",
    "Russian": "RU",
    "Saudi": "SA",
    "Scandinavian": "Scandinavia",
    "Scottish": "GB",
    "Serbian": "RS",
    "Singaporean": "SG",
    "Slovak": "SK",
    "Somali": "SO",
    "Soviet": "RU",
    "Spanish": "ES",
    "Sudanese": "SD",
    "Swedish": "SE",
    "Swiss": "CH",
    "Syrian": "SY",
    "Taiwanese": "TW",
    "Tajik": "TJ",
    "Tanzanian": "TZ",
    "Thai": "TH",
    "Tibetan": "Tibet",
    "Tunisian": "TN",
    "Turkish": "TR",
    "Turkmen": "TM",
    "Ugandan": "UG",
    "Ukrainian": "UA",
    "Uzbek": "UZ",
    "Venezuelan": "VE",
    "Vietnamese": "VN",
    "Welsh": "GB",
    "Yemeni": "YE",
    "Zimbabwean": "ZW",
    "Arctic": "Arctic",
    "Baltic": "Baltic states",
    "Nordic": "Nordic countries",
    "Siberian": "Siberia",
    "Caucasian": "Caucasus",
}


def write_demonyms(path: Path) -> int:
    rows = []
    for stem, target in NO_ADJECTIVES.items():
        for form in (stem, stem + "e"):
            rows.append(("no", form, target))
    for word, target in EN_DEMONYMS.items():
        rows.append(("en", word.lower(), target))
        if not word.endswith(("ese", "ish", "sh", "ch", "ss", "i", "z", "k", "ine", "ic", "t")):
            rows.append(("en", word.lower() + "s", target))  # Russians, Afghans
    rows = sorted(set(rows))
    path.write_text(
        "lang\tform\ttarget\n" + "".join(f"{a}\t{b}\t{c}\n" for a, b, c in rows), encoding="utf-8"
    )
    return len(rows)


def read_tsv(path: Path) -> list[tuple[list[str], list[str]]]:
    sents: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    sents.append((words, tags))
                words, tags = [], []
                continue
            word, _, tagname = line.rpartition("\t")
            words.append(word)
            tags.append(tagname)
    if words:
        sents.append((words, tags))
    return sents


def train(corpora: Path, out: Path, *, langs: tuple[str, ...] = ("nb", "nn")) -> None:
    import pycrfsuite

    from mapping.tagger import sentence_features

    files = {"nb": "no_bokmaal-train.tsv", "nn": "no_nynorsk-train.tsv"}
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    t0 = time.perf_counter()
    for lang in langs:
        for words, tags in read_tsv(corpora / "norne" / files[lang]):
            trainer.append(sentence_features(words, lang), tags)
            n += 1
    print(f"features for {n} sentences in {time.perf_counter() - t0:.1f} s", flush=True)
    trainer.set_params(PARAMS)
    t0 = time.perf_counter()
    tmp = out.with_suffix(".tmp")
    trainer.train(str(tmp))
    tmp.replace(out)
    print(
        f"trained in {time.perf_counter() - t0:.1f} s -> {out} ({out.stat().st_size / 1e6:.1f} MB)"
    )


def read_conllu(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(text, gold spans as (char start, char end, NorNE type)) for every dev sentence."""
    out = []
    text = ""
    toks: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("# text = "):
                text = line[len("# text = ") :]
            elif line.startswith("#"):
                continue
            elif not line.strip():
                if toks:
                    out.append((text, _gold_spans(text, toks)))
                toks = []
            else:
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                name = "O"
                for item in cols[9].split("|"):
                    if item.startswith("name="):
                        name = item[5:]
                toks.append((cols[1], name))
    if toks:
        out.append((text, _gold_spans(text, toks)))
    return out


def _gold_spans(text: str, toks: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Character (start, end, type) of the BIO entities of ``toks`` found in order in ``text``."""
    from mapping.tagger import bio_spans

    pos = 0
    offs = []
    for form, _ in toks:
        i = text.find(form, pos)
        if i < 0:
            i = pos
        offs.append((i, i + len(form)))
        pos = i + len(form)
    return [(offs[a][0], offs[b - 1][1], typ) for a, b, typ in bio_spans([t for _, t in toks])]


def evaluate(corpora: Path) -> None:
    from mapping.tagger import tag

    for lang, name in (("nb", "no_bokmaal-ud-dev.conllu"), ("nn", "no_nynorsk-ud-dev.conllu")):
        data = read_conllu(corpora / "norne" / name)
        correct = predicted = gold_gpe = gold_gpe_hit = 0
        for text, gold in data:
            spans = {(s.start, s.end) for s in tag(text, lang=lang) if s.label == "place"}
            gold_place = {(a, b) for a, b, t in gold if t in ("GPE_LOC", "GPE_ORG", "LOC")}
            gold_gpe_set = {(a, b) for a, b, t in gold if t in ("GPE_LOC", "GPE_ORG")}
            predicted += len(spans)
            correct += len(spans & gold_place)
            gold_gpe += len(gold_gpe_set)
            gold_gpe_hit += len(spans & gold_gpe_set)
        p = correct / predicted if predicted else 0.0
        r = gold_gpe_hit / gold_gpe if gold_gpe else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{lang} dev place metric: P={p:.3f} R={r:.3f} F1={f:.3f} ({len(data)} sentences)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("--eval", action="store_true", help="score on NorNE dev after training")
    ap.add_argument("--eval-only", action="store_true", help="score the committed model only")
    ap.add_argument("--demonyms-only", action="store_true", help="only write demonyms.tsv")
    args = ap.parse_args(argv)
    MODELS.mkdir(parents=True, exist_ok=True)
    if args.demonyms_only:
        print(f"demonyms.tsv: {write_demonyms(MODELS / 'demonyms.tsv')} forms")
        return 0
    if not (args.corpora / "norne" / "no_bokmaal-train.tsv").is_file():
        print(
            f"NorNE not found under {args.corpora / 'norne'}; the tagger cannot be trained here. "
            "Give the corpora folder with --corpora.",
            file=sys.stderr,
        )
        return 2
    print(f"demonyms.tsv: {write_demonyms(MODELS / 'demonyms.tsv')} forms")
    if not args.eval_only:
        train(args.corpora, MODELS / "norne.crfsuite")
    if args.eval or args.eval_only:
        evaluate(args.corpora)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
