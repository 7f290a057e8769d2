"""/directory/import: a directory manager uploads HSDS 3.0 (a JSON file, or a zip of a CSV data
package) and sees what was imported, or every error with its table, row and field.

The same reader and action as `crisisdesk directory import`: all or nothing unless "keep the
valid records" is ticked.
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.directory.actions import ImportResult, do_import_directory
from crisisdesk.directory.hsds.reader import read_upload
from crisisdesk.directory.hsds.records import Dataset, HsdsFormatError

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
ERRORS_SHOWN = 500


class DirectoryImportForm(forms.Form):
    data_file = forms.FileField(
        label="HSDS 3.0 file",
        help_text="A JSON file (services, organizations, or tabular JSON) or a .zip of a CSV "
        "data package (services.csv, organizations.csv, ... and datapackage.json).",
    )
    partial = forms.BooleanField(
        label="Keep the valid records when some are invalid",
        required=False,
        help_text="Otherwise nothing is imported while any record has an error.",
    )

    def clean_data_file(self) -> object:
        upload = self.cleaned_data["data_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 50 MB; use the command line.")
        return upload


@require(Capability.MANAGE_DIRECTORY)
@require_http_methods(["GET", "POST"])
def import_directory(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = DirectoryImportForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form, "errors_shown": ERRORS_SHOWN}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["data_file"]
        dataset: Dataset | None = None
        try:
            dataset = read_upload(upload.name or "upload", upload.read())
        except HsdsFormatError as error:
            context["format_error"] = str(error)
        if dataset is not None:
            result: ImportResult = do_import_directory(
                dataset,
                center=user.center,
                partial=form.cleaned_data["partial"],
                actor=user,
                source=upload.name or "",
            )
            context.update(
                dataset=dataset,
                result=result,
                errors=result.errors[:ERRORS_SHOWN],
                warnings=dataset.warnings,
            )
    status = (
        400
        if "format_error" in context or (request.method == "POST" and not form.is_valid())
        else 200
    )
    return render(request, "directory/import.html", context, status=status)
