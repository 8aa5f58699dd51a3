package com.bbossiregi.timedeal.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract's account rules, declared on the registration record. */
class AccountRequestsTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    private static Set<String> invalidFields(AccountService.RegisterRequest request) {
        Set<String> fields = new TreeSet<>();
        for (ConstraintViolation<AccountService.RegisterRequest> violation : validator.validate(request)) {
            fields.add(violation.getPropertyPath().toString());
        }
        return fields;
    }

    @ParameterizedTest(name = "{0} / {1} / {2} / {3} -> [{4}]")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "me@example.com | password123 | Me | null          | ''",
            "me@example.com | password123 | Me | 010-1234-5678 | ''",
            "me@example.com | password123 | Me | 01012345678   | ''",
            "not-an-email   | password123 | Me | null          | email",
            "null           | password123 | Me | null          | email",
            "me@example.com | short       | Me | null          | password",
            "me@example.com | password123 | M  | null          | name",
            "me@example.com | password123 | '' | null          | name",
            "me@example.com | password123 | Me | 02-123-4567   | phone",
    })
    void registrationRules(String email, String password, String name, String phone, String invalid) {
        Set<String> expected = invalid.isEmpty() ? Set.of() : Set.of(invalid.split(","));
        assertThat(invalidFields(new AccountService.RegisterRequest(email, password, name, phone)))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0} / {1} -> [{2}]")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "banned | null  | ''",
            "null   | admin | ''",
            "active | user  | ''",
            "null   | null  | statusOrRole is required",
            "gone   | null  | status must be active, inactive or banned",
            "null   | root  | role must be user or admin",
    })
    void accountChangeRules(String status, String role, String problem) {
        Set<String> problems = new TreeSet<>();
        for (ConstraintViolation<AdminUsersController.AccountChange> violation
                : validator.validate(new AdminUsersController.AccountChange(status, role))) {
            problems.add(violation.getPropertyPath() + " " + violation.getMessage());
        }
        assertThat(problems).containsExactlyElementsOf(problem.isEmpty() ? Set.of() : Set.of(problem));
    }
}
