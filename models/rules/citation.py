"""Where a rule's words come from: the seed's own words, and the file's reading of them.

Every rule in a policy file carries a `Citation`. `quote` holds the source's words
verbatim (one passage or several, each as it stands in the source; empty where the
source is silent); `assumption` is what the file reads into them beyond those words,
and `because` says why. A clerk must be able to tell the two apart, so `text` marks an
assumption as one.
"""

from dataclasses import dataclass

from models.texts import messages as msg


@dataclass(frozen=True)
class Citation:
    ref: str = ""  # where in the source: the notice's own numbering, e.g. 五 or 三（一）
    quote: tuple[str, ...] = ()  # the source's words, verbatim; () where it is silent
    assumption: str = ""  # the file's reading beyond those words ...
    because: str = ""  # ... and the reason for it

    @property
    def assumed(self) -> bool:
        """True when the rule goes beyond the source's words (or the source is silent)."""
        return bool(self.assumption)

    @property
    def text(self) -> str:
        """One line for the clerk: the quotation, then the assumption marked as one."""
        parts = []
        if self.quote:
            parts.append(msg.CITATION_QUOTED.format(
                ref=self.ref, quote=msg.CITATION_PIECES_JOIN.join(self.quote)))
        if self.assumption:
            assumed = msg.CITATION_ASSUMED.format(assumption=self.assumption,
                                                  because=self.because)
            if not self.quote and self.ref:
                assumed = msg.CITATION_REF_ONLY.format(ref=self.ref) + assumed
            parts.append(assumed)
        return msg.CLAUSE_SEPARATOR.join(parts)

    def __str__(self) -> str:
        return self.text


CITATION_KEYS = ("ref", "quote", "assumption", "because")


def citation_keys(prefix: str = "") -> set[str]:
    """The keys a policy table may carry to cite its source (`individual_quote`, …)."""
    return {prefix + k for k in CITATION_KEYS}
