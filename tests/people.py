"""Fourteen members set by hand, the figures of which the tests work out by hand.

Twelve admitted in 2025 (the last on 31/12), two in 2024; two organizations that each have
a "Chi bộ thôn 1"; everyone born on 1 July, so that a roster giving only the year of birth
(age counted from 1 July, SPEC §3) gives the same ages.
"""

from __future__ import annotations

from datetime import date

from dvstat.writers import samples

EA_PHE, EA_KUANG = "Đảng bộ xã Ea Phê", "Đảng bộ xã Ea Kuăng"
T1, T2 = "Chi bộ thôn 1", "Chi bộ thôn 2"
# name, birth year, woman, ethnic group, religion, GDPT, CMNV, LLCT, occupation, admitted,
# youth union, organization, branch
PEOPLE = [
    ("Nguyễn Văn An", 1995, False, "Kinh", "Không", "12/12", "Đại học", "Không", "Nông dân",
     date(2025, 3, 10), True, EA_PHE, T1),
    ("H Hoa Niê", 1998, True, "Ê Đê", "Tin Lành", "12/12", "Trung cấp", "Sơ cấp", "Nông dân",
     date(2025, 5, 20), True, EA_PHE, T1),
    ("Trần Thị Bình", 1990, True, "Kinh", "Công giáo", "12/12", "Đại học", "Sơ cấp",
     "Viên chức", date(2025, 12, 31), False, EA_PHE, T1),
    ("Lê Văn Cường", 1985, False, "Kinh", "Không", "9/12", "Không", "Không", "Nông dân",
     date(2025, 1, 1), False, EA_PHE, T2),
    ("Ksor Thị Mai", 2000, True, "Gia Rai", "Không", "12/12", "Cao đẳng", "Không", "Sinh viên",
     date(2025, 8, 15), True, EA_PHE, T2),
    ("Phạm Văn Dũng", 1975, False, "Kinh", "Phật giáo", "12/12", "Thạc sĩ", "Trung cấp",
     "Công chức", date(2025, 2, 2), False, EA_KUANG, T1),
    ("Hoàng Thị Lan", 1996, True, "Tày", "Không", "12/12", "Đại học", "Sơ cấp", "Giáo viên",
     date(2025, 6, 30), True, EA_KUANG, T1),
    ("Vũ Văn Hùng", 1994, False, "Kinh", "Không", "12/12", "Trung cấp", "Không", "Công an",
     date(2025, 9, 9), True, EA_KUANG, T1),
    ("Đỗ Thị Nga", 1992, True, "Kinh", "Không", "12/12", "Đại học", "Sơ cấp", "Nông dân",
     date(2025, 10, 10), False, EA_KUANG, T2),
    ("Bùi Văn Long", 1999, False, "Mường", "Không", "12/12", "Không", "Không", "Nông dân",
     date(2025, 11, 11), True, EA_KUANG, T2),
    ("Lò Văn Sơn", 1997, False, "Thái", "Không", "12/12", "Cao đẳng", "Không", "Quân nhân",
     date(2025, 4, 4), True, EA_KUANG, T2),
    ("Nông Thị Yến", 2001, True, "Nùng", "Không", "12/12", "Trung cấp", "Không", "Học sinh",
     date(2025, 7, 7), True, EA_KUANG, T2),
    ("Đặng Văn Phúc", 1993, False, "Dao", "Không", "12/12", "Đại học", "Không", "Nông dân",
     date(2024, 5, 5), True, EA_PHE, T1),
    ("Mai Thị Thảo", 1991, True, "Kinh", "Không", "12/12", "Đại học", "Sơ cấp", "Viên chức",
     date(2024, 12, 31), False, EA_KUANG, T2),
]


def _members(with_org: bool = True) -> list[samples.Member]:
    return [samples.Member(
        name=name, birth=date(year, 7, 1), female=woman, ethnicity=ethnic, religion=religion,
        education=gdpt, professional=cmnv, theory=llct, occupation=job, admitted=admitted,
        official=None, youth=youth, readmitted=False, branch=branch,
        record_no=f"R{number:03d}", org=org if with_org else "")
        for number, (name, year, woman, ethnic, religion, gdpt, cmnv, llct, job, admitted,
                     youth, org, branch) in enumerate(PEOPLE, start=1)]


