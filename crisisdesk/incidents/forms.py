from __future__ import annotations

from django import forms


class NoteForm(forms.Form):
    text = forms.CharField(max_length=4000, widget=forms.Textarea({"rows": 3}), label="Add a note")
