/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-secret"

#include "config.h"

#include <string.h>

#include "pb-secret.h"

/* {{{ Names */

static gboolean
word_is_secret (const char *word)
{
  static const char *const words[] = {
    "auth", "authorization", "key", "apikey", "pass", "passwd", "password", "passphrase",
    "pwd", "secret", "token", "sig", "signature", "credential", "cookie", "session", "hmac",
  };
  gsize len = strlen (word);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize n = strlen (words[i]);

      /* The word itself, or its plural. */
      if (strncmp (word, words[i], n) == 0 && (len == n || (len == n + 1 && word[n] == 's')))
        return TRUE;
    }

  return FALSE;
}

static gboolean
word_names_a_place_or_kind (const char *word)
{
  static const char *const words[] = { "url", "uri", "endpoint", "type" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (word, words[i]) == 0)
      return TRUE;

  return FALSE;
}

/* The words of a name, lower case: split at anything but ASCII letters and digits, before an
 * upper-case letter that follows a lower-case one ("clientSecret"), and before the last of a
 * run of capitals that a lower-case letter follows ("APIKey"). */
static GPtrArray *
split_words (const char *name)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      gboolean boundary = FALSE;

      if (!g_ascii_isalnum (*p))
        {
          if (word->len > 0)
            g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
          continue;
        }

      if (word->len > 0 && g_ascii_isupper (*p))
        {
          char before = p[-1];

          boundary = g_ascii_islower (before) || g_ascii_isdigit (before)
                     || (g_ascii_isupper (before) && g_ascii_islower (p[1]));
        }
      if (boundary)
        {
          g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
      g_string_append_c (word, g_ascii_tolower (*p));
    }
  if (word->len > 0)
    g_ptr_array_add (words, g_strdup (word->str));
  g_string_free (word, TRUE);

  return words;
}

gboolean
pb_secret_name_looks_secret (const char *name)
{
  g_autoptr(GPtrArray) words = NULL;

  if (name == NULL)
    return FALSE;

  words = split_words (name);
  if (words->len == 0 || word_names_a_place_or_kind (g_ptr_array_index (words, words->len - 1)))
    return FALSE;

  for (guint i = 0; i < words->len; i++)
    if (word_is_secret (g_ptr_array_index (words, i)))
      return TRUE;

  return FALSE;
}

/* }}} */
/* {{{ Values */

/* The length of the authorization scheme word that `value` starts with, followed by white
 * space and a credential; 0 when there is none. */
static gsize
scheme_length (const char *value)
{
  static const char *const schemes[] = {
    "Bearer", "Basic", "Digest", "Token", "Negotiate", "NTLM", "OAuth", "Hawk", "HOBA",
    "Mutual", "DPoP", "ApiKey", "Key", "SSWS", "SharedAccessSignature", "AWS4-HMAC-SHA256",
  };

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      gsize len = strlen (schemes[i]);
      const char *rest = value + len;

      if (g_ascii_strncasecmp (value, schemes[i], len) != 0 || (*rest != ' ' && *rest != '\t'))
        continue;
      while (*rest == ' ' || *rest == '\t')
        rest++;
      if (*rest != '\0')
        return len;
    }

  return 0;
}

char *
pb_secret_mask (const char *value)
{
  gsize len;

  if (value == NULL)
    return NULL;
  if (*value == '\0')
    return g_strdup ("");

  len = scheme_length (value);
  if (len > 0)
    return g_strdup_printf ("%.*s " PB_SECRET_MASK, (int)len, value);

  return g_strdup (PB_SECRET_MASK);
}

/* }}} */
/* {{{ URLs */

/* Appends the query `query` (without its "?", up to `end`) with secret-looking values masked.
 * Parameters are split at '&' and ';'; a name is compared decoded. */
static void
append_masked_query (GString    *out,
                     const char *query,
                     const char *end)
{
  const char *p = query;

  while (p < end)
    {
      const char *stop = p;
      const char *equals;
      g_autofree char *raw_name = NULL;
      g_autofree char *name = NULL;

      while (stop < end && *stop != '&' && *stop != ';')
        stop++;
      equals = memchr (p, '=', stop - p);
      raw_name = g_strndup (p, (equals != NULL ? equals : stop) - p);
      name = g_uri_unescape_string (raw_name, NULL);

      if (equals != NULL && equals + 1 < stop
          && pb_secret_name_looks_secret (name != NULL ? name : raw_name))
        {
          g_string_append_len (out, p, equals + 1 - p);
          g_string_append (out, PB_SECRET_MASK);
        }
      else
        g_string_append_len (out, p, stop - p);

      if (stop < end)
        g_string_append_c (out, *stop++);
      p = stop;
    }
}

char *
pb_secret_mask_url (const char *url)
{
  const char *query;
  const char *fragment;
  const char *authority;
  const char *path;
  const char *at;
  const char *colon;
  GString *out;

  if (url == NULL)
    return NULL;

  out = g_string_new (NULL);
  fragment = strchr (url, '#');
  if (fragment == NULL)
    fragment = url + strlen (url);
  query = memchr (url, '?', fragment - url);

  /* The password of "scheme://user:password@host". */
  authority = strstr (url, "://");
  authority = authority != NULL && authority < (query != NULL ? query : fragment)
              ? authority + 3 : NULL;
  path = authority != NULL ? authority + strcspn (authority, "/?#") : NULL;
  at = authority != NULL ? memchr (authority, '@', path - authority) : NULL;
  colon = at != NULL ? memchr (authority, ':', at - authority) : NULL;
  if (colon != NULL && colon + 1 < at)
    {
      g_string_append_len (out, url, colon + 1 - url);
      g_string_append (out, PB_SECRET_MASK);
      g_string_append_len (out, at, (query != NULL ? query : fragment) - at);
    }
  else
    g_string_append_len (out, url, (query != NULL ? query : fragment) - url);

  if (query != NULL)
    {
      g_string_append_c (out, '?');
      append_masked_query (out, query + 1, fragment);
    }
  g_string_append (out, fragment);

  return g_string_free (out, FALSE);
}

/* }}} */
