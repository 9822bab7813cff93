"""Vocabularies as data: categories, codes, labels and the spellings records use."""
