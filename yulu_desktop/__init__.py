"""Yulu Desktop (雨露): the 雨露计划+ field tool for village cadres, and its county server."""

__version__ = "0.1.0"
