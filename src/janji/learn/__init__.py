"""Small learned models the stages use where rules cannot enumerate the wording.

A stage that decides something from wording — is this sentence a promise, is this
line a list entry, which kind is this list — turns what it sees into a sparse
feature vector (a few flags fixed in advance plus hashed stems) and asks a
:class:`~janji.learn.linear.LinearModel` trained on the hand-made answers. The
models are plain numpy arrays in ``janji/data/models/*.npz``; nothing is fitted
or downloaded at run time. They are rebuilt by ``janji train`` (needs ../shared
and scikit-learn), which also reports their cross-validated scores (grouped by
document) beside the in-sample ones.
"""
