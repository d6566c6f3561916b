import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


@pytest.fixture
def upload(client, django_capture_on_commit_callbacks):
    """Post a file as the upload form does; the job runs when the request commits (immediate backend)."""

    def post(client_, data: bytes, name: str = "linmas.xlsx", **extra):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_.post(reverse("registry:upload"), {"berkas": SimpleUploadedFile(name, data), **extra})
        return client_.get(response["Location"], follow=True) if response.status_code == 302 else response

    return post
