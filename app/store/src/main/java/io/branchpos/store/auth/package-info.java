/** Till users: PIN hashes (PBKDF2), failure counts and locks, demo users. */
package io.branchpos.store.auth;
