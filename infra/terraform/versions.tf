terraform {
  required_version = ">= 1.6"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }
  # State holds generated secrets (database password, media signing key): keep it in a private,
  # versioned bucket. `terraform init -backend-config="bucket=PROJECT-tfstate"` (docs/DEPLOY.md).
  backend "gcs" {
    prefix = "ajimi"
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}
