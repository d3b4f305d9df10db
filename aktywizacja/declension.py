"""Proposals for the declined forms of Polish names, for the common patterns only.

Documents need names in the case their sentence asks for: "przez Lubelską Fundację Rozwoju"
(accusative), "ze środków Europejskiego Funduszu Społecznego", "w ramach Programu Operacyjnego
Kapitał Ludzki" (genitive). The forms are kept as data beside the name and edited by people; these
functions only propose a value for an empty field. Only the head phrase is declined (adjectives
around the first noun); what follows it ("Rozwoju", "w Lubartowie", "„Krok Dalej”") already has
its own case and is kept. A name the rules do not know comes back unchanged, to be corrected.
"""

# Feminine adjectives: "Lubelska", "Wojewódzka", "Socjalna", "Publiczna", "Powiatowa", "Wyższa".
_FEMININE_ADJECTIVE = ("ska", "cka", "zka", "lna", "czna", "nna", "tna", "owa", "ewa", "sza",
                       "ąca", "rna", "dna")
# Masculine adjectives: "Europejski", "Społeczny", "Operacyjny", "Regionalny", "Krajowy".
_MASCULINE_ADJECTIVE = ("ski", "cki", "zki", "ny", "wy", "ty", "ly", "ry", "dy", "czy", "gi")


def _word_and_tail(word: str) -> tuple[str, str]:
    """"Rozwoju," → ("Rozwoju", ","): the letters, and punctuation after them."""
    end = len(word)
    while end and not word[end - 1].isalpha():
        end -= 1
    return word[:end], word[end:]


def propose_accusative(name: str) -> str:
    """The accusative of an organisation's name (after "przez"): a feminine head phrase declines
    ("Lubelska Fundacja Rozwoju" → "Lubelską Fundację Rozwoju", "Fundacja „Krok Dalej”" →
    "Fundację „Krok Dalej”"); masculine, neuter and plural names are the same as the nominative
    ("Miejski Ośrodek Pomocy Społecznej", "Stowarzyszenie …", "Ochotnicze Hufce Pracy")."""
    words = name.split(" ")
    for index, raw in enumerate(words):
        word, tail = _word_and_tail(raw)
        if not word.endswith("a") or not word[:1].isupper():
            break
        if word.endswith(_FEMININE_ADJECTIVE) and index + 1 < len(words):
            words[index] = word[:-1] + "ą" + tail
            continue
        words[index] = word[:-1] + "ę" + tail  # the head noun: "Fundacja" → "Fundację"
        for after in range(index + 1, len(words)):  # adjectives after it: "Spółdzielnię Socjalną"
            following, following_tail = _word_and_tail(words[after])
            if not following.endswith(_FEMININE_ADJECTIVE) or not following[:1].isupper():
                break
            words[after] = following[:-1] + "ą" + following_tail
        break
    return " ".join(words)


def _masculine_genitive(words: list[str]) -> list[str]:
    """The genitive of a masculine head phrase: adjectives, one noun, adjectives after it."""
    result = list(words)
    noun_seen = False
    for index, raw in enumerate(words):
        word, tail = _word_and_tail(raw)
        if not word[:1].isupper():
            break
        if word.endswith(_MASCULINE_ADJECTIVE):
            # "Społeczny" → "Społecznego", "Europejski" → "Europejskiego"
            result[index] = (word[:-1] if word.endswith("y") else word) + "ego" + tail
            continue
        if noun_seen or word.endswith(("a", "e", "o", "i", "y")):
            break
        result[index] = word + "u" + tail  # "Fundusz" → "Funduszu", "Program" → "Programu"
        noun_seen = True
    return result


def propose_fund_genitive(fund: str) -> str:
    """"Europejski Fundusz Społeczny Plus" → "Europejskiego Funduszu Społecznego Plus"."""
    return " ".join(_masculine_genitive(fund.split(" ")))


def propose_programme_genitive(name: str) -> str:
    """After "w ramach": "Program Operacyjny Kapitał Ludzki" → "Programu Operacyjnego Kapitał
    Ludzki"; a name that is not a "Program …" (plural, "Fundusze Europejskie dla Lubelskiego")
    keeps its form after the word "programu"."""
    words = name.split(" ")
    if any(_word_and_tail(word)[0] == "Program" for word in words[:2]):
        return " ".join(_masculine_genitive(words))
    return f"programu {name}"
