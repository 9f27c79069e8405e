"""Scoring of written exams and defenses (cadre score): pure core, no file output."""
