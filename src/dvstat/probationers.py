"""Probationary members whose 12 calendar months end soon or have ended.

Probation ends 12 calendar months after admission (29/02 -> 28/02 of the next year); a member
admitted by ``as_of``, with no official date known on that day (none, or one dated later),
whose end falls on or before ``as_of + within`` days is listed.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from dvstat import schema
from dvstat.dates import add_months
from dvstat.model import ProbationItem
from dvstat.party_rules import PROBATION_MONTHS


def due_for_review(frame: pd.DataFrame, as_of: date, within: int) -> list[ProbationItem]:
    """Members still on probation (no official date) due by ``as_of + within`` days.

    Ordered by branch, then by due date, so each branch's list reads top-down.
    """
    admitted = frame[schema.ADMISSION_DATE]
    stamp = pd.Timestamp(as_of)
    # an official date recorded after ``as_of`` was not known on that day
    no_official = frame[f"{schema.OFFICIAL_DATE}_status"].isin(["absent", "empty"]) | (
        frame[schema.OFFICIAL_DATE] > stamp
    )
    due = add_months(admitted, PROBATION_MONTHS)
    horizon = stamp + pd.Timedelta(days=within)
    mask = admitted.notna() & (admitted <= stamp) & no_official & (due <= horizon)
    rows = frame.loc[
        mask,
        [
            schema.FULL_NAME,
            schema.BRANCH,
            schema.SRC_FILE,
            schema.SRC_SHEET,
            schema.SRC_ROW,
            schema.ADMISSION_DATE,
        ],
    ].assign(due=due[mask])
    items = [
        ProbationItem(
            name=str(name),
            branch=str(branch),
            file=str(file),
            sheet=None if sheet is None or sheet != sheet else str(sheet),
            row=int(row),
            admitted=adm.date(),
            due=end.date(),
            days=int((end - stamp).days),
            status="overdue" if end < stamp else "due",
        )
        for name, branch, file, sheet, row, adm, end in rows.itertuples(index=False, name=None)
    ]
    return sorted(items, key=lambda i: (i.branch, i.due, i.name))
