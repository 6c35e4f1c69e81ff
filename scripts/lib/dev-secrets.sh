# Development secrets for scripts/up. Sourced, not run.

# Makes the secrets file $1 (JWT secret, data key, admin password) once and keeps it: owner-only,
# never committed. Real deployments set these variables themselves. Sets DEV_SECRETS_CREATED=1
# when this call wrote the file, 0 when it was already there.
ensure_dev_secrets() {
  local file="$1"
  DEV_SECRETS_CREATED=0
  [[ -f "$file" ]] && return
  (
    umask 077
    {
      echo "JWT_SECRET=$(node -e "console.log(require('crypto').randomBytes(32).toString('hex'))")"
      echo "CAREPATH_DATA_KEY=$(node -e "console.log(require('crypto').randomBytes(32).toString('base64'))")"
      # Letters, digits, - and _: never only digits after the prefix, so the password policy
      # (libs/domain/src/password-policy.ts) cannot take it for a common word with a number.
      echo "CAREPATH_ADMIN_PASSWORD=carepath-$(node -e "console.log(require('crypto').randomBytes(12).toString('base64url'))")"
    } > "$file"
  )
  DEV_SECRETS_CREATED=1
}

# The "Sign in as" line. The password itself is shown only right after ensure_dev_secrets made
# it, and only on the terminal (/dev/tty): never to stdout, which may be a log file or CI output.
# Otherwise the line says where it is kept. $1 is the secrets file as the user should read it.
admin_sign_in_hint() {
  local file="$1"
  if [[ "${DEV_SECRETS_CREATED:-0}" == 1 ]] && { : >/dev/tty; } 2>/dev/null; then
    printf '    Sign in as     admin / %s   (shown this once; kept in %s)\n' "$CAREPATH_ADMIN_PASSWORD" "$file" >/dev/tty
  else
    printf '    Sign in as     admin, with CAREPATH_ADMIN_PASSWORD from %s\n' "$file"
  fi
}
