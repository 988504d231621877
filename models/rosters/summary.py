"""A roster import's report as the lines a clerk reads: the command line prints them,
the counter's import screen shows them."""

import datetime as dt
from pathlib import Path

from models.rosters.base_import import ImportReport
from models.rosters.subsidy_import import SubsidyReport
from models.texts import labels
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
    return lines + _refused(report.refused, errors)


def _more(count: int) -> list[str]:
    return [t.SUMMARY_MORE.format(count=count - SHOWN)] if count > SHOWN else []


def subsidy_summary_lines(report: SubsidyReport, errors: Path | None) -> list[str]:
    s = report.source
    head = t.SUBSIDY_SUMMARY_DRY_RUN if report.dry_run else t.SUBSIDY_SUMMARY_DONE
    lines = [head.format(file=s.file),
             t.SUMMARY_SHEET.format(sheet=s.sheet, line=s.header_line, rows=report.rows)]
    if report.groups:
        groups = t.HEADER_LIST_SEPARATOR.join(
            t.SUBSIDY_SUMMARY_GROUP.format(source=src, label=labels.IDENTITY_LABELS.get(c, c))
            for src, c in report.groups)
        lines.append(t.SUBSIDY_SUMMARY_SOURCES.format(groups=groups))
    lines.append(t.SUBSIDY_SUMMARY_COUNTS.format(
        added=report.added, matched=report.matched, ended=len(report.ended)))
    if report.dry_run:
        lines.append(t.SUMMARY_WOULD)
    if report.ended:
        lines.append(t.SUBSIDY_SUMMARY_ENDED.format(ended_on=report.on - dt.timedelta(days=1)))
        lines += [t.SUBSIDY_SUMMARY_ENDED_LINE.format(
            name=e.name, masked=e.masked_id, label=labels.IDENTITY_LABELS.get(e.category,
                                                                             e.category))
            for e in report.ended[:SHOWN]]
        lines += _more(len(report.ended))
    if report.not_registered:
        lines.append(t.SUBSIDY_SUMMARY_UNREGISTERED.format(count=len(report.not_registered)))
        lines += [t.SUBSIDY_SUMMARY_PERSON.format(line=p.line, name=p.name, masked=p.masked_id)
                  for p in report.not_registered[:SHOWN]]
        lines += _more(len(report.not_registered))
    if report.mismatched:
        lines.append(t.SUBSIDY_SUMMARY_MISMATCH.format(count=len(report.mismatched)))
        lines += [t.SUBSIDY_SUMMARY_MISMATCH_LINE.format(line=p.line, name=p.name,
                                                         masked=p.masked_id,
                                                         registered=p.registered)
                  for p in report.mismatched[:SHOWN]]
        lines += _more(len(report.mismatched))
    return lines + _refused(report.refused, errors)


def _refused(refused, errors: str | None) -> list[str]:
    """The closing line: how many rows were refused, and where the error workbook is."""
    if errors:
        return [t.SUMMARY_REFUSED.format(count=len(refused), path=errors)]
    if refused:
        return [t.SUMMARY_REFUSED_UNWRITTEN.format(count=len(refused))]
    return [t.SUMMARY_NO_REFUSED]
