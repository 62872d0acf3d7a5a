output "public_url" {
  value = local.public_url
}

output "api_url" {
  value = google_cloud_run_v2_service.api.uri
}

output "image" {
  description = "Where to push the image (docker push / gcloud builds submit --tag)."
  value       = local.image
}

output "media_bucket" {
  value = google_storage_bucket.media.name
}

output "database_connection_name" {
  value = google_sql_database_instance.main.connection_name
}

output "optional_secrets" {
  description = "Add a version before enabling: gcloud secrets versions add NAME --data-file=-"
  value       = { for name in ["GEMINI_API_KEY", "GOOGLE_SPEECH_API_KEY"] : name => google_secret_manager_secret.app[name].secret_id }
}
