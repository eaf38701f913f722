"""`python -m handbook diff BASE HEAD`: what a change to the data means, in plain words, for reviewers.

revision reads the data as it was at a commit; meaning compares two versions (the record comparison the
最近更新 page uses, and the model's letters, processes and addresses); report words it in Chinese and English.
"""
