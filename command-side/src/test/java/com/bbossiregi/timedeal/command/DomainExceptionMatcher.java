package com.bbossiregi.timedeal.command;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import java.util.Objects;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/** Matches a {@link DomainException} by its contract error code and, when given, its details. */
public final class DomainExceptionMatcher extends TypeSafeDiagnosingMatcher<DomainException> {

    private final ErrorCode code;
    private final Object details;
    private final boolean detailsMatter;

    private DomainExceptionMatcher(ErrorCode code, Object details, boolean detailsMatter) {
        super(DomainException.class);
        this.code = code;
        this.details = details;
        this.detailsMatter = detailsMatter;
    }

    public static Matcher<DomainException> domainError(ErrorCode code) {
        return new DomainExceptionMatcher(code, null, false);
    }

    public static Matcher<DomainException> domainError(ErrorCode code, Object details) {
        return new DomainExceptionMatcher(code, details, true);
    }

    @Override
    protected boolean matchesSafely(DomainException exception, Description mismatch) {
        if (exception.code() != code) {
            mismatch.appendText("code was ").appendValue(exception.code())
                    .appendText(" (").appendValue(exception.getMessage()).appendText(")");
            return false;
        }
        if (detailsMatter && !Objects.equals(exception.details(), details)) {
            mismatch.appendText("details were ").appendValue(exception.details());
            return false;
        }
        return true;
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("DomainException with code ").appendValue(code);
        if (detailsMatter) {
            description.appendText(" and details ").appendValue(details);
        }
    }
}
