# Cloud SQL for PostgreSQL: pgvector ships with it (the migration runs CREATE EXTENSION vector).
resource "google_sql_database_instance" "main" {
  name                = "ajimi"
  database_version    = "POSTGRES_17"
  region              = var.region
  deletion_protection = var.deletion_protection
  settings {
    tier              = var.db_tier
    edition           = "ENTERPRISE"
    availability_type = "ZONAL"
    disk_autoresize   = true
    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
    ip_configuration {
      # Reached only through the Cloud SQL connector (IAM-authorised, /cloudsql socket): no authorised networks.
      ipv4_enabled = true
      ssl_mode     = "ENCRYPTED_ONLY"
    }
    database_flags {
      name  = "max_connections"
      value = "200"
    }
  }
  depends_on = [google_project_service.apis]
}

resource "google_sql_database" "ajimi" {
  name     = "ajimi"
  instance = google_sql_database_instance.main.name
}

resource "random_password" "db" {
  length  = 32
  special = false # it goes into a URL
}

resource "google_sql_user" "ajimi" {
  name     = "ajimi"
  instance = google_sql_database_instance.main.name
  password = random_password.db.result
}
