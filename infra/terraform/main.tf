data "google_project" "this" {}

locals {
  # Cloud Run's deterministic service URL: https://SERVICE-PROJECT_NUMBER.REGION.run.app
  public_url = var.public_url != "" ? var.public_url : "https://ajimi-api-${data.google_project.this.number}.${var.region}.run.app"
  image      = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}/ajimi:${var.image_tag}"
}

resource "google_project_service" "apis" {
  for_each = toset([
    "run.googleapis.com",
    "sqladmin.googleapis.com",
    "secretmanager.googleapis.com",
    "artifactregistry.googleapis.com",
    "iam.googleapis.com",
    "storage.googleapis.com",
    "cloudbuild.googleapis.com",
  ])
  service            = each.value
  disable_on_destroy = false
}

resource "google_artifact_registry_repository" "images" {
  location      = var.region
  repository_id = "ajimi"
  format        = "DOCKER"
  description   = "Ajimi container images (one image: API, worker, migration)"
  cleanup_policies {
    id     = "keep-recent"
    action = "KEEP"
    most_recent_versions {
      keep_count = 10
    }
  }
  depends_on = [google_project_service.apis]
}
