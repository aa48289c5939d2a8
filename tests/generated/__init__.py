"""Generated disclosures: consistent documents drawn at random, with every stated figure's place.

Each generator takes a ``random.Random`` (hypothesis passes one with ``st.randoms()``, a
benchmark a seeded one), draws true figures, rounds them as an office would, and renders
text. It returns a ``Rendered``: the text and, for every figure the text states, where it
stands and how far it may move before the document stops being consistent.
"""
