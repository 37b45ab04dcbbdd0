/** Users, roles, permissions and the sign-in rules (PIN lockout, idle lock) of the till. */
package io.branchpos.domain.auth;
