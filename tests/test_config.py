"""dvstat.toml: each wrong key is an error naming the key and what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from dvstat.errors import ConfigError
from dvstat.readers.config import load_settings, parse_settings


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"organisation": "x"}, "organisation"),
        ({"lang": "fr"}, "'lang'"),
        ({"rosters": 3}, "'rosters'"),
        ({"outputs": ["report.pdf"]}, "report.pdf"),
        ({"limits": {"max_file_mb": -1}}, "limits.max_file_mb"),
        ({"aliases": {"headers": {"ho_ten": ["Tên"]}}}, "aliases.headers.ho_ten"),
        ({"aliases": {"values": {"ethnicity": {"Kinh Việt": "viet"}}}}, "viet"),
        ({"plan": {"targets": [{"unit": "A", "period": "2023"}]}}, "'target'"),
    ],
)
def test_bad_keys_are_named(data: dict[str, object], needle: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_settings(data, Path("/w/dvstat.toml"))
    assert needle in caught.value.en


def test_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "dvstat.toml"
    config.write_text(
        'organization = "Đảng bộ A"\nrosters = ["ds/*.xlsx"]\n'
        'plan = "ct.csv"\n[aliases.values.ethnicity]\n"Kinh Việt Nam" = "kinh"\n',
        encoding="utf-8",
    )
    settings = load_settings(config)
    assert settings.rosters == (str(tmp_path / "ds/*.xlsx"),)
    assert settings.plan_file == tmp_path / "ct.csv"
    assert settings.value_aliases == {"ethnicity": {"Kinh Việt Nam": "kinh"}}


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    config = tmp_path / "dvstat.toml"
    config.write_text("organization = \n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert "dvstat.toml" in caught.value.en
