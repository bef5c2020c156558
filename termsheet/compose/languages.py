"""Language tags in words, for the title block: ``uk`` → Ukrainian, ``en-GB`` → English (GB)."""

from __future__ import annotations

NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian", "fi": "Finnish",
    "fr": "French", "ga": "Irish", "he": "Hebrew", "hr": "Croatian", "hu": "Hungarian",
    "it": "Italian", "ja": "Japanese", "ka": "Georgian", "ko": "Korean", "lt": "Lithuanian",
    "lv": "Latvian", "mt": "Maltese", "nl": "Dutch", "no": "Norwegian", "nb": "Norwegian Bokmål",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "zh": "Chinese",
}
"""English names of the languages that negotiated texts here are likely to use."""


def language_name(tag: str) -> str:
    """The language of a BCP-47 tag in words; the region or script follows in parentheses;
    a language without a name here prints its tag."""
    primary, _, rest = tag.partition("-")
    name = NAMES.get(primary.lower())
    if name is None:
        return tag
    return f"{name} ({rest})" if rest else name


def names_in_words(tags) -> str:
    """``English, French and Ukrainian``."""
    names = [language_name(tag) for tag in tags]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
