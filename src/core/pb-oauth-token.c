/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-oauth-token"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "pb-account-private.h"
#include "pb-client.h"
#include "pb-client-private.h"
#include "pb-http.h"
#include "pb-json.h"
#include "pb-oauth-token.h"

/* A token answer is a few hundred bytes and an error answer a few sentences; room for a long
 * error text (shortened before it is shown), far less than the API's cap. */
#define MAX_TOKEN_RESPONSE_SIZE (256 * 1024)

typedef struct
{
  SoupMessage *message;
  char        *host;     /* of the token endpoint, for messages */
  char        *secret;   /* only to keep it out of messages */
  char        *token;
  gint64       expires_in;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->message);
  g_clear_pointer (&request->host, g_free);
  _pb_account_wipe_string (&request->secret);
  _pb_account_wipe_string (&request->token);
  g_free (request);
}

/* A sentence for the sign-in service's refusal. `detail` is what the server said, if anything
 * (never with the secret in it). */
static GError *
refused_error (Request    *request,
               const char *detail)
{
  if (detail != NULL && request->secret != NULL && strstr (detail, request->secret) != NULL)
    detail = NULL;

  if (detail != NULL && *detail != '\0')
    return g_error_new (PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED,
                        _("The sign-in service refused the API key: “%s”. Check the client ID "
                          "and client secret in Preferences."),
                        detail);

  return g_error_new_literal (PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED,
                             _("The sign-in service refused the API key. Check the client ID "
                               "and client secret in Preferences."));
}

/* The object of an answer of the sign-in service (after the one check of JSON text), or NULL;
 * `parser` keeps it. */
static JsonObject *
read_object (JsonParser *parser,
             GBytes     *body)
{
  const char *data;
  gsize size = 0;
  JsonNode *root;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &size);
  if (!pb_json_parser_load (parser, data, size, PB_JSON_CHECK_ALLOW_BOM, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

/* The server's explanation in an OAuth error body ({"error", "error_description"}) or an API
 * error body ({"message"}), cleaned as the API's are (one line, no control characters or bidi
 * overrides, shortened), or NULL. */
static char *
parse_error_detail (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = read_object (parser, body);
  const char *members[] = { "error_description", "message", "error" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *text = pb_json_object_get_string (object, members[i]);

      g_autofree char *clean = text != NULL ? _pb_client_sanitize_server_text (text) : NULL;

      if (clean != NULL)
        return g_steal_pointer (&clean);
    }

  return NULL;
}

/* The service answered, but not with a token. */
static GError *
no_token_error (Request *request)
{
  return g_error_new (PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE,
                      _("The sign-in service at “%s” did not answer with an access token. "
                        "Check the token endpoint in Preferences."),
                      request->host);
}

/* Reads a successful answer: {"access_token", "token_type", "expires_in", "scope"}. */
static GError *
parse_token (Request     *request,
             GBytes      *body,
             char       **token,
             gint64      *expires_in)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = read_object (parser, body);
  const char *access_token = pb_json_object_get_string (object, "access_token");
  const char *token_type = pb_json_object_get_string (object, "token_type");
  JsonNode *node = pb_json_object_get_node (object, "expires_in");

  *token = NULL;
  *expires_in = -1;

  if (access_token == NULL || *access_token == '\0')
    {
      g_debug ("The answer of the token endpoint has no access_token");
      return no_token_error (request);
    }

  if (token_type != NULL && g_ascii_strcasecmp (token_type, "bearer") != 0)
    g_debug ("Unexpected token_type “%s”; using the token as a bearer token", token_type);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_INT64)
        *expires_in = json_node_get_int (node);
      else if (type == G_TYPE_DOUBLE)
        /* Clamped first: 1e999 reads as infinity, which no gint64 holds. */
        *expires_in = (gint64) CLAMP (json_node_get_double (node), -1.0, (double) G_MAXINT32);
      else if (type == G_TYPE_STRING)
        *expires_in = g_ascii_strtoll (json_node_get_string (node), NULL, 10);
    }

  *token = g_strdup (access_token);

  return NULL;
}

/* The error for an answer whose status is not a success. */
static GError *
status_error (Request *request,
              guint    status,
              GBytes  *body)
{
  g_autofree char *detail = parse_error_detail (body);
  const char *host = request->host;

  g_debug ("The token endpoint answered HTTP %u", status);

  if (status == 400 || status == 401 || status == 403)
    return refused_error (request, detail);

  if (SOUP_STATUS_IS_REDIRECTION (status))
    return g_error_new (PB_CLIENT_ERROR, PB_CLIENT_ERROR_REDIRECTED,
                        _("The sign-in service at “%s” sent Plugboard to another "
                          "address. Check the token endpoint in Preferences."),
                        host);

  if (status == 429)
    return g_error_new (PB_CLIENT_ERROR, PB_CLIENT_ERROR_RATE_LIMITED,
                        _("The sign-in service at “%s” is receiving too many requests. "
                          "Wait a minute and try again."),
                        host);

  if (status >= 500)
    return g_error_new (PB_CLIENT_ERROR, PB_CLIENT_ERROR_SERVER,
                        _("The sign-in service at “%s” has a problem (HTTP %u). Try again "
                          "later."),
                        host, status);

  return g_error_new (PB_CLIENT_ERROR, PB_CLIENT_ERROR_REJECTED,
                      _("The sign-in service at “%s” refused the request (HTTP %u). "
                        "Check the token endpoint and audience in Preferences."),
                      host, status);
}

static void
token_body_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  guint status;

  body = pb_http_read_body_finish (result, &error);
  status = soup_message_get_status (request->message);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    {
      g_debug ("The answer of the token endpoint is too large (HTTP %u)", status);
      g_clear_error (&error);
      error = no_token_error (request);
    }
  else if (error != NULL)
    error = pb_http_transport_error (error, PB_HTTP_PEER_SIGN_IN, request->host, status, 0,
                                     NULL);
  else if (SOUP_STATUS_IS_SUCCESSFUL (status))
    error = parse_token (request, body, &request->token, &request->expires_in);
  else
    error = status_error (request, status, body);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("Obtained an access token that expires in %" G_GINT64_FORMAT " s",
           request->expires_in);
  g_task_return_pointer (task, g_strdup (request->token), g_free);
}

static void
token_sent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  GError *error = NULL;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, pb_http_transport_error (error, PB_HTTP_PEER_SIGN_IN,
                                                          request->host, 0, 0, NULL));
      return;
    }

  pb_http_read_body_async (request->message, stream, MAX_TOKEN_RESPONSE_SIZE,
                           g_task_get_cancellable (task), token_body_cb, g_object_ref (task));
}

void
pb_oauth_token_request_async (SoupSession         *session,
                              const char          *token_endpoint,
                              const char          *client_id,
                              const char          *client_secret,
                              const char          *audience,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *form = NULL;
  Request *request;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (token_endpoint != NULL);
  g_return_if_fail (client_secret != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_oauth_token_request_async);

  request = g_new0 (Request, 1);
  request->host = _pb_account_host_of_url (token_endpoint);
  request->secret = g_strdup (client_secret);
  request->expires_in = -1;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  form = soup_form_encode ("client_id", client_id != NULL ? client_id : "",
                           "client_secret", client_secret,
                           "grant_type", "client_credentials",
                           "audience", audience != NULL ? audience : "",
                           NULL);
  request->message = soup_message_new_from_encoded_form ("POST", token_endpoint,
                                                         g_steal_pointer (&form));
  if (request->message == NULL)
    {
      g_task_return_new_error (task, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INVALID_URL,
                               _("The token endpoint is not a web address. Correct it in "
                                 "Preferences."));
      return;
    }

  /* The secret goes to the token endpoint and nowhere else. */
  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                "Accept", "application/json");

  g_debug ("Requesting an access token from %s", token_endpoint);
  soup_session_send_async (session, request->message, G_PRIORITY_DEFAULT, cancellable,
                           token_sent_cb, g_object_ref (task));
}

char *
pb_oauth_token_request_finish (GAsyncResult  *result,
                               gint64        *expires_in,
                               GError       **error)
{
  Request *request;
  char *token;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_oauth_token_request_async,
                        NULL);

  request = g_task_get_task_data (G_TASK (result));
  token = g_task_propagate_pointer (G_TASK (result), error);
  if (expires_in != NULL)
    *expires_in = token != NULL ? request->expires_in : -1;

  return token;
}
