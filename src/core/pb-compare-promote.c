/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-compare-promote"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-compare-private.h"
#include "pb-connection.h"
#include "pb-connection-draft.h"
#include "pb-connection-draft-private.h"
#include "pb-diff-private.h"

/* The bodies that promote a connection from the source account to the target: built with the
 * draft (pb-connection-draft.h), which already knows the create body, the update body and the
 * client secret that lives in memory only. */

G_DEFINE_QUARK (pb-compare-error-quark, pb_compare_error)

gboolean
pb_promote_needs_client_secret (PbConnection *source)
{
  const char *auth_type;

  g_return_val_if_fail (PB_IS_CONNECTION (source), FALSE);

  auth_type = pb_connection_get_auth_type (source);
  return auth_type != NULL && g_ascii_strcasecmp (auth_type, "OAUTH") == 0;
}

static gboolean
check_secret_choice (PbConnection    *source,
                     const char      *client_secret,
                     PbPromoteFlags   flags,
                     GError         **error)
{
  if ((flags & (PB_PROMOTE_WITHOUT_CLIENT_SECRET | PB_PROMOTE_MASKED)) != 0
      || (client_secret != NULL && client_secret[0] != '\0')
      || !pb_promote_needs_client_secret (source))
    return TRUE;

  g_set_error (error, PB_COMPARE_ERROR, PB_COMPARE_ERROR_CLIENT_SECRET_NEEDED,
               /* TRANSLATORS: %s is the name of a connection */
               _("“%s” signs in with OAuth, and its client secret cannot be copied: the API "
                 "never returns it. Type the client secret, or choose to go on without it."),
               pb_connection_get_name (source) != NULL ? pb_connection_get_name (source) : "");
  return FALSE;
}

/* `object` without auth.clientSecret: what a source holds there is an export's mask, or
 * nothing the target should get. */
static char *
without_client_secret (const char *object)
{
  g_autofree char *auth = _pb_draft_object_dup (object, "auth");
  g_autofree char *new_auth = NULL;

  if (auth == NULL || auth[0] != '{' || !_pb_draft_object_get (auth, "clientSecret",
                                                               &(PbTextSpan) { 0 }))
    return g_strdup (object);
  new_auth = _pb_draft_object_set (auth, "clientSecret", NULL);
  return _pb_draft_object_set (object, "auth", new_auth);
}

/* The body of `doc` as a draft gives it, with the typed secret. */
static char *
draft_body (const char      *doc,
            const char      *client_secret,
            PbDraftBody      kind,
            PbPromoteFlags   flags,
            GError         **error)
{
  g_autoptr(PbConnectionDraft) draft = pb_connection_draft_new_for_json (doc, error);

  if (draft == NULL)
    return NULL;
  if ((flags & PB_PROMOTE_MASKED) != 0)
    return pb_connection_draft_dup_body (draft, kind | PB_DRAFT_BODY_MASKED);
  if (client_secret != NULL && client_secret[0] != '\0')
    pb_connection_draft_set_text (draft, PB_DRAFT_AUTH_CLIENT_SECRET, client_secret);
  /* The draft wipes its copy of the secret when it is finalized. */
  return pb_connection_draft_dup_body (draft, kind);
}

char *
pb_promote_create_body (PbConnection    *source,
                        const char      *client_secret,
                        PbPromoteFlags   flags,
                        GError         **error)
{
  g_autofree char *doc = NULL;

  g_return_val_if_fail (PB_IS_CONNECTION (source), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_secret_choice (source, client_secret, flags, error))
    return NULL;

  doc = without_client_secret (pb_connection_get_json (source));
  return draft_body (doc, client_secret, PB_DRAFT_BODY_CREATE, flags, error);
}

/* The member names of an object text, each once, in order (the last of each name counts). */
static GPtrArray *
member_names (const char  *object,
              GError     **error)
{
  g_autoptr(PbJsonReader) reader = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  reader = pb_json_reader_new (object, strlen (object), PB_JSON_CHECK_DEFAULT, error);
  if (reader == NULL)
    return NULL;
  if (pb_json_reader_get_value_type (reader) != PB_JSON_OBJECT)
    {
      g_set_error_literal (error, PB_PARSE_ERROR, PB_PARSE_ERROR_STRUCTURE,
                           "expected an object");
      return NULL;
    }
  for (gboolean more = pb_json_reader_start_object (reader); more;
       more = pb_json_reader_next (reader))
    {
      char *name = pb_json_reader_dup_member_name (reader);

      if (g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_free (name);
      else
        g_ptr_array_add (names, name);
    }
  pb_json_reader_end (reader);
  return g_steal_pointer (&names);
}

static gboolean
has_name (GPtrArray  *names,
          const char *name)
{
  return g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL);
}

char *
pb_promote_update_body (PbConnection    *source,
                        PbConnection    *target,
                        const char      *client_secret,
                        PbPromoteFlags   flags,
                        char          ***kept,
                        GError         **error)
{
  const char *source_json;
  g_autoptr(GPtrArray) source_names = NULL;
  g_autoptr(GPtrArray) target_names = NULL;
  g_autoptr(GPtrArray) kept_names = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *doc = NULL;
  char *body;

  g_return_val_if_fail (PB_IS_CONNECTION (source), NULL);
  g_return_val_if_fail (PB_IS_CONNECTION (target), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_secret_choice (source, client_secret, flags, error))
    return NULL;

  source_json = pb_connection_get_json (source);
  source_names = member_names (source_json, error);
  if (source_names == NULL)
    return NULL;
  target_names = member_names (pb_connection_get_json (target), error);
  if (target_names == NULL)
    return NULL;

  /* The target's object, each member the source has (but the server's) set to the source's,
   * in its place or last. */
  merged = g_strdup (pb_connection_get_json (target));
  for (guint i = 0; i < source_names->len; i++)
    {
      const char *name = g_ptr_array_index (source_names, i);
      g_autofree char *value = NULL;
      char *next;

      if (_pb_diff_is_server_field (name))
        continue;
      value = _pb_draft_object_dup (source_json, name);
      next = _pb_draft_object_set (merged, name, value);
      g_free (merged);
      merged = next;
    }

  kept_names = g_ptr_array_new ();
  for (guint i = 0; i < target_names->len; i++)
    {
      const char *name = g_ptr_array_index (target_names, i);

      if (_pb_diff_is_server_field (name) || !has_name (source_names, name))
        g_ptr_array_add (kept_names, g_strdup (name));
    }
  g_ptr_array_add (kept_names, NULL);

  doc = without_client_secret (merged);
  body = draft_body (doc, client_secret, PB_DRAFT_BODY_UPDATE, flags, error);
  if (body != NULL && kept != NULL)
    *kept = (char **) g_ptr_array_free (g_steal_pointer (&kept_names), FALSE);
  else
    g_strfreev ((char **) g_ptr_array_free (g_steal_pointer (&kept_names), FALSE));
  return body;
}
