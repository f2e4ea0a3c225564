/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-client-private.h"
#include "pb-json.h"
#include "pb-secret.h"

/* What the user reads when a call fails: PB_CLIENT_ERROR with the HTTP status, Retry-After and
 * the server's own message as details, and the sentences for each kind of failure. */

#define MAX_SERVER_MESSAGE   500 /* characters */
#define BODY_START_BYTES     200

typedef struct
{
  guint   status;
  gint64  retry_after;
  char   *server_message;
  /* What was wrong with an answer that does not parse. */
  char   *parse_message;
  char   *content_type;
  char   *body_start;
  /* A write whose request went out in full before the failure. */
  gboolean request_sent;
} PbClientErrorPrivate;

static void
pb_client_error_private_init (PbClientErrorPrivate *priv)
{
  priv->status = 0;
  priv->retry_after = -1;
  priv->server_message = NULL;
  priv->parse_message = NULL;
  priv->content_type = NULL;
  priv->body_start = NULL;
  priv->request_sent = FALSE;
}

static void
pb_client_error_private_copy (const PbClientErrorPrivate *src,
                              PbClientErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->retry_after = src->retry_after;
  dest->server_message = g_strdup (src->server_message);
  dest->parse_message = g_strdup (src->parse_message);
  dest->content_type = g_strdup (src->content_type);
  dest->body_start = g_strdup (src->body_start);
  dest->request_sent = src->request_sent;
}

static void
pb_client_error_private_clear (PbClientErrorPrivate *priv)
{
  g_clear_pointer (&priv->server_message, g_free);
  g_clear_pointer (&priv->parse_message, g_free);
  g_clear_pointer (&priv->content_type, g_free);
  g_clear_pointer (&priv->body_start, g_free);
}

G_DEFINE_EXTENDED_ERROR (PbClientError, pb_client_error)

GError *
_pb_client_error_new (PbClientError  code,
                      guint          status,
                      gint64         retry_after,
                      const char    *server_message,
                      const char    *message)
{
  GError *error = g_error_new_literal (PB_CLIENT_ERROR, code, message);
  PbClientErrorPrivate *priv = pb_client_error_get_private (error);

  if (priv != NULL)
    {
      priv->status = status;
      priv->retry_after = retry_after;
      priv->server_message = g_strdup (server_message);
    }

  return error;
}

guint
pb_client_error_get_status (const GError *error)
{
  PbClientErrorPrivate *priv;

  if (error == NULL || error->domain != PB_CLIENT_ERROR)
    return 0;

  priv = pb_client_error_get_private (error);
  return priv != NULL ? priv->status : 0;
}

gint64
pb_client_error_get_retry_after (const GError *error)
{
  PbClientErrorPrivate *priv;

  if (error == NULL || error->domain != PB_CLIENT_ERROR)
    return -1;

  priv = pb_client_error_get_private (error);
  return priv != NULL ? priv->retry_after : -1;
}

const char *
pb_client_error_get_server_message (const GError *error)
{
  PbClientErrorPrivate *priv;

  if (error == NULL || error->domain != PB_CLIENT_ERROR)
    return NULL;

  priv = pb_client_error_get_private (error);
  return priv != NULL ? priv->server_message : NULL;
}

static PbClientErrorPrivate *
get_details (const GError *error)
{
  if (error == NULL || error->domain != PB_CLIENT_ERROR)
    return NULL;

  return pb_client_error_get_private (error);
}

const char *
pb_client_error_get_parse_message (const GError *error)
{
  PbClientErrorPrivate *priv = get_details (error);

  return priv != NULL ? priv->parse_message : NULL;
}

const char *
pb_client_error_get_content_type (const GError *error)
{
  PbClientErrorPrivate *priv = get_details (error);

  return priv != NULL ? priv->content_type : NULL;
}

const char *
pb_client_error_get_body_start (const GError *error)
{
  PbClientErrorPrivate *priv = get_details (error);

  return priv != NULL ? priv->body_start : NULL;
}

gboolean
pb_client_error_get_request_sent (const GError *error)
{
  PbClientErrorPrivate *priv = get_details (error);

  return priv != NULL && priv->request_sent;
}

void
_pb_client_error_set_request_sent (GError *error)
{
  PbClientErrorPrivate *priv = get_details (error);

  if (priv != NULL)
    priv->request_sent = TRUE;
}

/* Keeps every occurrence of the token out of a text the server sent (a server that echoes it
 * must not make it show up on screen). */
static char *
scrub_token (char       *text,
             const char *token)
{
  g_autoptr(GString) string = NULL;

  if (text == NULL || token == NULL || strlen (token) < 4 || strstr (text, token) == NULL)
    return text;

  string = g_string_new (text);
  g_free (text);
  g_string_replace (string, token, "…", 0);
  return g_string_free (g_steal_pointer (&string), FALSE);
}

/* The characters that change the direction of the text around them: a server's text must not
 * turn the sentence it is quoted in around. */
static gboolean
is_bidi_control (gunichar c)
{
  return c == 0x061C || c == 0x200E || c == 0x200F
         || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

char *
_pb_client_sanitize_server_text (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = NULL;
  gboolean space = FALSE;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_bidi_control (c))
        continue;

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        {
          space = out->len > 0;
          continue;
        }

      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  if (out->len == 0)
    return NULL;

  if (g_utf8_strlen (out->str, -1) > MAX_SERVER_MESSAGE)
    {
      const char *end = g_utf8_offset_to_pointer (out->str, MAX_SERVER_MESSAGE - 1);

      g_string_truncate (out, end - out->str);
      g_string_append (out, "…");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The `message` of an API error body, with the token (when given) taken out. */
static char *
extract_error_message (const char *data,
                       gsize       length,
                       const char *token)
{
  g_autofree char *text = NULL;

  /* Not json-glib: error bodies come from anywhere (see pb_json_text_check()). */
  text = scrub_token (pb_json_text_get_top_level_string (data, length, PB_JSON_CHECK_ALLOW_BOM,
                                                         "message"),
                      token);
  if (text == NULL)
    return NULL;

  return _pb_client_sanitize_server_text (text);
}

char *
pb_client_parse_error_message (const char *data,
                               gsize       length)
{
  return extract_error_message (data, length, NULL);
}

/* Adds a full stop to a server message that does not end a sentence, so that the text that
 * follows it starts a new one. */
static char *
as_sentence (const char *text)
{
  gunichar last;

  last = g_utf8_get_char (g_utf8_find_prev_char (text, text + strlen (text)));
  if (last == '.' || last == '!' || last == '?' || last == 0x2026 /* … */ || last == 0x3002)
    return g_strdup (text);

  return g_strconcat (text, ".", NULL);
}

GError *
_pb_client_status_error (const PbClientResponse *response)
{
  g_autofree char *server_message = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *message = NULL;
  guint status = response->status;
  PbClientError code;

  if (response->body != NULL)
    {
      gsize size;
      const char *data = g_bytes_get_data (response->body, &size);

      server_message = extract_error_message (data, size, response->token);
    }

  if (server_message != NULL)
    sentence = as_sentence (server_message);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      code = PB_CLIENT_ERROR_UNAUTHORIZED;
      if (sentence != NULL)
        /* Translators: %s is the server's own explanation, a full sentence. */
        message = g_strdup_printf (_("The server refused the sign-in: %s Check the account in "
                                     "Preferences."), sentence);
      else
        message = g_strdup (_("The server refused the sign-in. Check the account in "
                              "Preferences."));
    }
  else if (status == SOUP_STATUS_FORBIDDEN)
    {
      code = PB_CLIENT_ERROR_FORBIDDEN;
      if (sentence != NULL)
        /* Translators: %s is the server's own explanation, a full sentence. */
        message = g_strdup_printf (_("The account is not allowed to do this: %s"), sentence);
      else
        message = g_strdup (_("The account is not allowed to do this. Check that its API key "
                              "may manage connections."));
    }
  else if (status == SOUP_STATUS_NOT_FOUND)
    {
      code = PB_CLIENT_ERROR_NOT_FOUND;
      if (sentence != NULL)
        /* Translators: %s is the server's own explanation, a full sentence. */
        message = g_strdup_printf (_("The server could not find what Plugboard asked for: %s"),
                                   sentence);
      else
        message = g_strdup (_("The server could not find what Plugboard asked for. It may have "
                              "been removed, or the server address in Preferences is wrong."));
    }
  else if (status == 429 /* Too Many Requests */)
    {
      g_autofree char *when = NULL;

      code = PB_CLIENT_ERROR_RATE_LIMITED;
      if (response->retry_after > 0 && response->retry_after <= G_MAXINT)
        when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Try again in %d second.",
                                             "Try again in %d seconds.",
                                             (gulong) response->retry_after),
                                (int) response->retry_after);
      else
        when = g_strdup (_("Try again in a moment."));

      if (sentence != NULL)
        /* Translators: the first %s is the server's own explanation, a full sentence; the
         * second says when to try again. */
        message = g_strdup_printf (_("The server is receiving too many requests: %s %s"),
                                   sentence, when);
      else
        /* Translators: %s says when to try again. */
        message = g_strdup_printf (_("The server is receiving too many requests. %s"), when);
    }
  else if (SOUP_STATUS_IS_SERVER_ERROR (status))
    {
      code = PB_CLIENT_ERROR_SERVER;
      if (sentence != NULL)
        /* Translators: %s is the server's own explanation, a full sentence. */
        message = g_strdup_printf (_("The server ran into a problem: %s Try again later."),
                                   sentence);
      else
        /* Translators: %u is an HTTP status code such as 503. */
        message = g_strdup_printf (_("The server ran into a problem (error %u). Try again "
                                     "later."), status);
    }
  else if (SOUP_STATUS_IS_CLIENT_ERROR (status))
    {
      code = PB_CLIENT_ERROR_REJECTED;
      if (sentence != NULL)
        /* Translators: %s is the server's own explanation, a full sentence. */
        message = g_strdup_printf (_("The server refused the request: %s"), sentence);
      else
        /* Translators: %u is an HTTP status code such as 400. */
        message = g_strdup_printf (_("The server refused the request (error %u)."), status);
    }
  else
    {
      code = PB_CLIENT_ERROR_BAD_RESPONSE;
      /* Translators: %u is an HTTP status code such as 304. */
      message = g_strdup_printf (_("The server gave an answer that Plugboard does not expect "
                                   "(status %u)."), status);
    }

  return _pb_client_error_new (code, status, response->retry_after, server_message, message);
}

/* The end of a JSON string that starts at `p` (after its opening quote): its closing quote, or
 * `end` when it has none. */
static const char *
skip_json_string (const char *p,
                  const char *end)
{
  while (p < end && *p != '"')
    p += (*p == '\\' && p + 1 < end) ? 2 : 1;
  return p;
}

/* Masks the values of secret-looking members (pb_secret_name_looks_secret()) in text that is
 * meant to be JSON but may be broken or cut short, where pb_secret_mask_json_text() cannot
 * read it: a member is a string followed by ':', its value runs to the end of its string, or
 * to the next ',', '}', ']' or white space. An object or array value is masked whole up to the
 * end of the text, as its end cannot be trusted. */
static char *
mask_broken_json (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *end = text + strlen (text);
  const char *p = text;
  /* In a {"name": "X-Api-Key", "value": "…"} pair (headers, parameters), the value is the
   * secret. */
  gboolean secret_value = FALSE;

  while (p < end)
    {
      const char *name_start, *name_end, *q;
      g_autofree char *name = NULL;
      gboolean secret;

      if (*p != '"')
        {
          if (*p == '{' || *p == '}')
            secret_value = FALSE;
          g_string_append_c (out, *p++);
          continue;
        }

      name_start = p + 1;
      name_end = skip_json_string (name_start, end);
      g_string_append_len (out, p, MIN (name_end + 1, end) - p);
      p = MIN (name_end + 1, end);

      for (q = p; q < end && g_ascii_isspace (*q); q++)
        ;
      if (q >= end || *q != ':')
        continue;
      name = g_strndup (name_start, name_end - name_start);
      secret = pb_secret_name_looks_secret (name)
               || (secret_value && g_ascii_strcasecmp (name, "value") == 0);

      for (q++; q < end && g_ascii_isspace (*q); q++)
        ;
      if (!secret)
        {
          /* The name of a pair: does it name a secret? */
          if (g_ascii_strcasecmp (name, "name") == 0 && q < end && *q == '"')
            {
              const char *value_end = skip_json_string (q + 1, end);
              g_autofree char *value = g_strndup (q + 1, value_end - (q + 1));

              secret_value = pb_secret_name_looks_secret (value);
            }
          continue;
        }

      g_string_append_len (out, p, q - p);
      g_string_append (out, "\"" PB_SECRET_MASK "\"");
      if (q >= end)
        p = end;
      else if (*q == '"')
        p = MIN (skip_json_string (q + 1, end) + 1, end);
      else if (*q == '{' || *q == '[')
        p = end;
      else
        for (p = q; p < end && *p != ',' && *p != '}' && *p != ']' && !g_ascii_isspace (*p); p++)
          ;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The start of an answer as one line that can be shown: what looks secret in it masked (an
 * answer cut short is not valid JSON, so the mask works on what it can read), the token taken
 * out, control characters gone. */
static char *
describe_body_start (const PbClientResponse *response)
{
  g_autofree char *start = NULL;
  g_autofree char *masked = NULL;
  const char *data;
  gsize size;

  if (response->body == NULL || g_bytes_get_size (response->body) == 0)
    return NULL;

  data = g_bytes_get_data (response->body, &size);
  start = g_utf8_make_valid (data, MIN (size, BODY_START_BYTES));
  masked = scrub_token (mask_broken_json (start), response->token);
  if (masked == NULL)
    return NULL;
  if (size > BODY_START_BYTES)
    {
      g_autofree char *shortened = g_steal_pointer (&masked);

      masked = g_strconcat (shortened, "…", NULL);
    }

  return _pb_client_sanitize_server_text (masked);
}

GError *
_pb_client_bad_body_error (const PbClientResponse *response,
                           const GError           *parse_error)
{
  const char *message;
  gsize size = response->body != NULL ? g_bytes_get_size (response->body) : 0;
  GError *error;
  PbClientErrorPrivate *priv;

  if (parse_error != NULL)
    g_debug ("%s: the answer does not parse: %s", response->what, parse_error->message);

  if (size == 0)
    message = _("The server sent an empty answer.");
  else if (response->content_type != NULL
           && g_ascii_strcasecmp (response->content_type, "text/html") == 0)
    message = _("The server sent a web page instead of data. Check the server address in "
                "Preferences.");
  else
    message = _("The server sent an answer that Plugboard cannot read.");

  error = _pb_client_error_new (PB_CLIENT_ERROR_BAD_RESPONSE, response->status,
                                response->retry_after, NULL, message);
  priv = pb_client_error_get_private (error);
  if (priv != NULL)
    {
      if (parse_error != NULL)
        priv->parse_message = _pb_client_sanitize_server_text (parse_error->message);
      if (response->content_type != NULL)
        priv->content_type = _pb_client_sanitize_server_text (response->content_type);
      priv->body_start = describe_body_start (response);
    }

  return error;
}

gint64
_pb_client_parse_retry_after (const char *value)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  gint64 seconds;

  if (value == NULL)
    return -1;

  text = g_strstrip (g_strdup (value));
  if (*text == '\0')
    return -1;

  if (g_ascii_isdigit (*text))
    {
      guint64 number;

      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &number, NULL))
        return -1;
      return (gint64) MIN (number, (guint64) G_MAXINT32);
    }

  date = soup_date_time_new_from_http_string (text);
  if (date == NULL)
    return -1;

  now = g_date_time_new_now_utc ();
  seconds = g_date_time_difference (date, now) / G_TIME_SPAN_SECOND;
  return CLAMP (seconds, 0, G_MAXINT32);
}

GError *
_pb_client_too_large_error (guint status)
{
  return _pb_client_error_new (PB_CLIENT_ERROR_BAD_RESPONSE, status, -1, NULL,
                               _("The server’s answer is too large."));
}

GError *
_pb_client_invalid_base_url_error (void)
{
  return _pb_client_error_new (PB_CLIENT_ERROR_NETWORK, 0, -1, NULL,
                               _("The server address is not a valid web address. "
                                 "Check it in Preferences."));
}
