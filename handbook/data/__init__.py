"""Step 1 of the flow: read data/*.yaml with positions, check every field and id (the model is built from it: handbook/model/build.py).

Every problem a contributor can cause is reported here, with file:line, the field, what was expected
and the closest valid id, before any page is written.
"""
