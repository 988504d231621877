"""A roster import's report as the lines a clerk reads: the command line prints them,
the counter's import screen shows them."""

from pathlib import Path

from models.rosters.base_import import ImportReport
from models.texts import rosters as t

SHOWN = 20  # candidates and flaws listed; the command line's --json has them all


def summary_lines(report: ImportReport, errors: Path | None) -> list[str]:
    s = report.source
    lines = [(t.SUMMARY_DRY_RUN if report.dry_run else t.SUMMARY_DONE).format(file=s.file),
             t.SUMMARY_SHEET.format(sheet=s.sheet, line=s.header_line, rows=report.rows),
             t.SUMMARY_COUNTS.format(townships=report.townships, villages=report.villages,
                                     households=report.households, people=report.people,
                                     identities=report.identities, matched=report.matched)]
    if report.dry_run:
        lines.append(t.SUMMARY_WOULD)
    if report.candidates:
        head = t.SUMMARY_AWAITING_DRY if report.dry_run else t.SUMMARY_AWAITING
        lines.append(head.format(count=len(report.candidates)))
        for c in report.candidates[:SHOWN]:
            other = (t.SUMMARY_IN_FILE.format(line=c.holder.line) + c.holder.name
                     if c.holder.line else c.holder.name)
            lines.append(t.SUMMARY_CANDIDATE.format(
                line=c.line, name=c.name, masked=c.masked_id, hukou_no=c.hukou_no,
                other=other, other_hukou=c.holder.hukou_no))
        lines += _more(len(report.candidates))
    if report.flawed:
        lines.append(t.SUMMARY_FLAWS.format(count=len(report.flawed)))
        lines += [t.SUMMARY_FLAW.format(line=f.line, name=f.name, flaw=t.FLAW_JOIN.join(f.flaws))
                  for f in report.flawed[:SHOWN]]
        lines += _more(len(report.flawed))
    if errors:
        lines.append(t.SUMMARY_REFUSED.format(count=len(report.refused), path=errors))
    elif report.refused:
        lines.append(t.SUMMARY_REFUSED_UNWRITTEN.format(count=len(report.refused)))
    else:
        lines.append(t.SUMMARY_NO_REFUSED)
    return lines


def _more(count: int) -> list[str]:
    return [t.SUMMARY_MORE.format(count=count - SHOWN)] if count > SHOWN else []
