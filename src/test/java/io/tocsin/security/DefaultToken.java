package io.tocsin.security;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Makes RestAssured send the test admin token with every request of every {@code @QuarkusTest} and
 * {@code @QuarkusIntegrationTest} that names no token itself, so tests written before tokens existed read as
 * before. (A filter rather than a default request specification, which would also pin the base URI and port.)
 * Tests of refusals use their own client ({@link Http}).
 */
public class DefaultToken implements QuarkusTestBeforeEachCallback, Filter {

    private static final DefaultToken FILTER = new DefaultToken();

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!RestAssured.filters().contains(FILTER)) {
            RestAssured.filters(FILTER);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", "Bearer " + TestTokens.ADMIN);
        }
        return context.next(request, response);
    }
}
